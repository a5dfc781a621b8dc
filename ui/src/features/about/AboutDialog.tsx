import { Button, Code, Group, Loader, Modal, Stack, Table, Text } from '@mantine/core';

import { ErrorAlert } from '../../components/ErrorAlert';
import { useAppInfo, useOpenLogFolder, type AppInfo } from '../../ipc';

/** "abc1234 · 2026-12-01"; a build without git says so once, not "unknown · unknown". */
export function buildText(info: AppInfo): string {
  if (info.commit === 'unknown') return 'unknown (built without git)';
  return info.commit_date === 'unknown' ? info.commit : `${info.commit} · ${info.commit_date}`;
}

const FOLDERS: { key: 'data_dir' | 'config_dir' | 'log_dir'; label: string; what: string }[] = [
  { key: 'config_dir', label: 'Config', what: 'connection profiles' },
  { key: 'data_dir', label: 'Data', what: 'the local directory copies and exports' },
  { key: 'log_dir', label: 'Logs', what: 'console.log, free of tokens and patient data' },
];

/**
 * Which build this is and where it keeps its files, so a person can tell support what they run
 * and hand them the log. Secrets are in none of these folders: they live in the OS keyring.
 */
export function AboutDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  // Read when first opened, then kept: the facts do not change while the app runs.
  const info = useAppInfo(opened);
  const open = useOpenLogFolder();

  return (
    <Modal opened={opened} onClose={onClose} title="About Access Console" size="lg">
      {info.isPending ? (
        <Loader size="sm" aria-label="Reading the app's facts" />
      ) : info.error ? (
        <ErrorAlert error={info.error} />
      ) : (
        <Stack gap="md" data-testid="about-dialog">
          <Table variant="vertical" layout="fixed" withTableBorder>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={110}>Version</Table.Th>
                <Table.Td data-testid="about-version">{info.data.version}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Build</Table.Th>
                <Table.Td data-testid="about-build">{buildText(info.data)}</Table.Td>
              </Table.Tr>
              {FOLDERS.map((f) => (
                <Table.Tr key={f.key}>
                  <Table.Th>{f.label}</Table.Th>
                  <Table.Td>
                    <Code data-testid={`about-${f.key.replace('_', '-')}`} style={{ wordBreak: 'break-all' }}>
                      {info.data[f.key]}
                    </Code>
                    <Text size="xs" c="dimmed">
                      {f.what}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm" c="dimmed">
            Sign-in tokens are kept in the system keyring, never in these folders.
          </Text>
          {open.error && <ErrorAlert error={open.error} />}
          <Group justify="flex-end">
            <Button data-testid="about-open-logs" variant="default" loading={open.isPending} onClick={() => open.mutate()}>
              Open log folder
            </Button>
            <Button onClick={onClose}>Close</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
