import type { UserKind } from '../ipc';

/** How the window names each kind of user (the directory, its palette and the Overview). */
export const KIND_LABELS: Record<UserKind, string> = {
  PATIENT: 'Patient',
  HCP: 'Healthcare provider',
  GUARDIAN: 'Guardian',
  DEPENDENT: 'Dependent',
  STAFF: 'Staff',
  CONFIG: 'Config user',
  SERVICE_ACCOUNT: 'Service account',
};
