import { ActionIcon, Alert, Anchor, Badge, CloseButton, Code, CopyButton, Group, Loader, Paper, ScrollArea, Stack, Text, Title, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';

import { useUser, type GuardianAccess, type UserDetail } from '../../ipc';
import { ageOn, localToday } from '../../lib/age';
import { KIND_LABELS, STATUS_COLORS } from './access';
import { formatTime } from './format';
import { householdMembers, sharedWithGuardian, type HouseholdMember } from './household';
import type { DirectorySlots } from './slots';

type DetailSlots = Pick<DirectorySlots, 'roles' | 'mfa' | 'history' | 'person'>;

interface Props {
  profile: string;
  id: string;
  /** Jump to another person (a household member). */
  onOpen: (id: string) => void;
  onClose: () => void;
  /** Pieces of other features (a role editor, a history), composed in src/app. */
  slots?: DetailSlots;
}

/** One person from the local cache: profile, roles (read-only unless a slot offers an editor) and household. */
export function DetailPane({ profile, id, onOpen, onClose, slots }: Props) {
  const detail = useUser(profile, id);

  return (
    <Paper
      withBorder
      radius="sm"
      w={380}
      miw={300}
      h="100%"
      data-testid="user-detail"
      aria-label="Person details"
      role="region"
      onKeyDown={(e) => {
        // A slot (an editor holding staged changes) may keep Escape for itself.
        if (e.key === 'Escape' && !e.defaultPrevented) onClose();
      }}
    >
      <ScrollArea h="100%" p="md" type="auto">
        {detail.isPending ? (
          <Loader size="sm" aria-label="Loading" />
        ) : detail.error ? (
          <Alert color="red" title="Could not read this person from the cache">
            {detail.error.message}
          </Alert>
        ) : detail.data ? (
          <Profile detail={detail.data} onOpen={onOpen} onClose={onClose} slots={slots} />
        ) : (
          <Stack gap="xs">
            <Group justify="space-between">
              <Text fw={600}>Not in the local cache</Text>
              <CloseButton aria-label="Close details" onClick={onClose} />
            </Group>
            <Text size="sm" c="dimmed">
              This person may have been deleted since the last sync.
            </Text>
          </Stack>
        )}
      </ScrollArea>
    </Paper>
  );
}

interface ProfileProps {
  detail: UserDetail;
  onOpen: (id: string) => void;
  onClose: () => void;
  slots: DetailSlots | undefined;
}

function Profile({ detail, onOpen, onClose, slots }: ProfileProps) {
  const { user, household } = detail;
  const editor = slots?.roles?.(user);
  const shared = sharedWithGuardian(user, household);
  const members = householdMembers(detail);
  const age = ageOn(user.date_of_birth, localToday());

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Title order={3} data-testid="detail-name">
          {user.display_name}
        </Title>
        <CloseButton aria-label="Close details" onClick={onClose} />
      </Group>
      <Group gap="xs">
        <Badge variant="outline">{KIND_LABELS[user.kind]}</Badge>
        <Badge variant="light" color={STATUS_COLORS[user.status]} data-testid="detail-status">
          {user.status}
        </Badge>
      </Group>
      <Stack gap={6}>
        <Field label="Id">
          <Group gap={4} wrap="nowrap">
            <Code data-testid="detail-id">{user.id}</Code>
            <CopyButton value={user.id}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy id'} withArrow>
                  <ActionIcon variant="subtle" size="sm" onClick={copy} aria-label="Copy id" color={copied ? 'teal' : 'gray'}>
                    {copied ? '✓' : '⧉'}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
        </Field>
        <Field label="Email">
          <Contact value={user.email} shared={shared.email} />
        </Field>
        <Field label="Phone">
          <Contact value={user.phone} shared={shared.phone} />
        </Field>
        {user.date_of_birth && (
          <Field label="Born">
            <span data-testid="detail-born">{user.date_of_birth}</span>
            {age !== null && (
              <Text span size="sm" c="dimmed" data-testid="detail-age">
                {' '}
                (age {age})
              </Text>
            )}
          </Field>
        )}
        {user.guardian_access && (
          <Field label="Guardian">
            <span data-testid="detail-guardian-access" data-access={user.guardian_access}>
              {GUARDIAN_ACCESS[user.guardian_access]}
            </span>
            {age !== null && age >= 12 && user.guardian_access !== 'none' && (
              <Text span size="xs" c="dimmed">
                {' '}
                · the organization’s rule for ages 12–17
              </Text>
            )}
          </Field>
        )}
        {user.mfa_enrolled !== null && (
          // Staff only: whether their sign-in's authenticator is set up.
          <Field label="MFA">
            <Group gap="xs" wrap="nowrap">
              <Text span size="sm" data-testid="detail-mfa">
                {user.mfa_enrolled ? 'enrolled' : 'not enrolled'}
              </Text>
              {user.mfa_enrolled && slots?.mfa?.(user)}
            </Group>
          </Field>
        )}
        <Field label="Created">{formatTime(user.created_at)}</Field>
        <Field label="Updated">{formatTime(user.updated_at)}</Field>
      </Stack>
      {/* What may be done to this person, above the long role list so it is in sight. */}
      {slots?.person?.(detail)}
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          Roles
        </Text>
        {editor ?? (user.staff_roles.length > 0 ? (
          <Group gap={4} data-testid="detail-roles">
            {user.staff_roles.map((r) => (
              <Badge key={r} size="sm" variant="filled" color={r === 'OWNER' ? 'red' : 'blue'}>
                {r}
              </Badge>
            ))}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            No staff roles
          </Text>
        ))}
      </Stack>
      {members.length > 0 && (
        <Stack gap={4} data-testid="detail-household">
          <Text size="sm" fw={600}>
            Household
          </Text>
          {members.map((m) => (
            <Member key={m.user.id} member={m} onOpen={onOpen} />
          ))}
        </Stack>
      )}
      {slots?.history?.(user)}
    </Stack>
  );
}

/** What the platform says the guardian may see now (it applies the organization's rules to the age). */
const GUARDIAN_ACCESS: Record<GuardianAccess, string> = {
  full: 'full access',
  limited: 'limited access',
  none: 'no access: the record is theirs',
};

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="baseline">
      <Text size="sm" c="dimmed" w={64} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Group>
  );
}

function Contact({ value, shared }: { value: string | null; shared: boolean }) {
  if (!value) return <Text span size="sm" c="dimmed">None</Text>;
  return (
    <>
      {value}{' '}
      {shared && <SharedBadge>shared with guardian</SharedBadge>}
    </>
  );
}

function SharedBadge({ children }: { children: ReactNode }) {
  return (
    <Badge size="xs" variant="light" color="grape" data-testid="shared-contact">
      {children}
    </Badge>
  );
}

function Member({ member, onOpen }: { member: HouseholdMember; onOpen: (id: string) => void }) {
  const { user, relation, current, sharesEmail, sharesPhone } = member;
  const shares = [sharesEmail && 'email', sharesPhone && 'phone'].filter(Boolean).join(' and ');
  return (
    <Group gap="xs" wrap="nowrap" data-testid="household-member" data-user-id={user.id} data-current={current || undefined}>
      <Badge size="xs" variant="default" w={76} style={{ flexShrink: 0 }}>
        {relation}
      </Badge>
      {current ? (
        <Text size="sm" fw={600}>
          {user.display_name} <Text span size="xs" c="dimmed">(this person)</Text>
        </Text>
      ) : (
        <Anchor component="button" type="button" size="sm" onClick={() => onOpen(user.id)}>
          {user.display_name}
        </Anchor>
      )}
      {relation === 'dependent' && <DependentFacts user={user} />}
      {shares && <SharedBadge>shares {shares}</SharedBadge>}
    </Group>
  );
}

/** A dependent's age and what their guardian may see of them now (the platform's verdict). */
function DependentFacts({ user }: { user: HouseholdMember['user'] }) {
  const age = ageOn(user.date_of_birth, localToday());
  if (age === null && !user.guardian_access) return null;
  return (
    <Text span size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="household-member-facts">
      {[age !== null && `age ${age}`, user.guardian_access && GUARDIAN_ACCESS[user.guardian_access]].filter(Boolean).join(' · ')}
    </Text>
  );
}
