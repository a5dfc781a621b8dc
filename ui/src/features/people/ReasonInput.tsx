import { TextInput } from '@mantine/core';

/** Every change to a person is recorded with why; the audit trail shows it beside who and when. */
export function ReasonInput({ value, onChange, testId }: { value: string; onChange: (v: string) => void; testId: string }) {
  return (
    <TextInput
      label="Reason"
      description="Recorded in the audit trail with your name."
      required
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data-testid={testId}
    />
  );
}
