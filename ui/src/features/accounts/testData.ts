// Fixtures shared by this feature's tests.
import type { ApiKey, ServiceAccount } from '../../ipc';

export const NOW = 1_796_000_000;
const DAY = 86_400;

export const account = (over: Partial<ServiceAccount> = {}): ServiceAccount => ({
  id: 'usr_sa_reminders',
  name: 'Appointment reminders',
  description: 'Sends reminders the day before',
  owner_id: 'usr_olivia',
  owner_name: 'Olivia Owner',
  owner_active: true,
  acts_for_id: null,
  acts_for_name: null,
  status: 'active',
  created_at: NOW - 200 * DAY,
  updated_at: NOW - 10 * DAY,
  version: 3,
  active_keys: 1,
  soonest_expiry: NOW + 60 * DAY,
  last_used_at: NOW - 3_600,
  client_id: null,
  ...over,
});

export const apiKey = (over: Partial<ApiKey> = {}): ApiKey => ({
  id: 'key_old',
  account_id: 'usr_sa_reminders',
  name: 'reminders prod',
  prefix: 'acx_live_k7Qm2',
  created_at: NOW - 100 * DAY,
  created_by: 'usr_olivia_owner',
  expires_at: NOW + 60 * DAY,
  last_used_at: NOW - 2 * 3_600,
  last_used_from: '203.0.113.7',
  status: 'active',
  replaced_by: null,
  ...over,
});
