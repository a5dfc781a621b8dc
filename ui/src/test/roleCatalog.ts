// The role catalog as the backend answers `role_catalog`, for tests of the screens that use it.
import type { RoleInfo, StaffRole } from '../ipc';

const ROLES: StaffRole[] = [
  'OWNER',
  'MEMBER',
  'SUPPORT',
  'PROVIDER',
  'INTAKE_STAFF',
  'FIELD_STAFF',
  'PROVIDER_NURSE_PRACTITIONER',
  'PROVIDER_PHYSICIAN_ASSISTANT',
  'PROVIDER_PHYSICIAN',
  'CLIENT_MANAGER',
  'HEALTH_COACH',
  'THERAPIST',
  'NUTRITIONIST',
  'DISPATCH',
];

export const CATALOG: RoleInfo[] = ROLES.map((role) => ({
  role,
  description: `What ${role} does`,
  grants: [],
  provider: role.startsWith('PROVIDER'),
  sensitive: role === 'OWNER' || role === 'SUPPORT',
}));
