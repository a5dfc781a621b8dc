// Secrets live only in the OS keyring, and patient data only in the window and the encrypted
// cache: a whole journey at ACCESS_CONSOLE_LOG=trace (run.sh sets it) leaves no token, cache
// key, API key, client secret, password, or patient name, email or phone in the app's files,
// its logs or its read-only IPC answers. Also: a sign-in that never completes can be
// cancelled, and sign-out empties the keyring.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { PERSONAS, actAs, byTestId, filesUnder, invokeJson, openApp, screenshot, signIn, signOut, textOf } from './helpers.mjs';

let browser;
before(async () => {
  browser = await openApp();
});
after(async () => {
  await browser?.deleteSession();
});

/** The app's keyring entries: { account, secret }. secret-tool prints labels and secrets on
 * stdout but attributes on stderr, so the account is read from the keyring crate's label,
 * "<account>@access-console:<target> (keyring v…)". */
function keyringEntries() {
  let out = '';
  try {
    out = execFileSync('secret-tool', ['search', '--all', '--unlock', 'service', 'access-console'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch {
    return []; // secret-tool exits non-zero when nothing matches
  }
  return out
    .split(/\n(?=\[)/)
    .map((block) => {
      const field = (name) => block.split('\n').find((l) => l.startsWith(`${name} = `))?.slice(name.length + 3);
      return { account: field('label')?.split('@')[0], secret: field('secret') };
    })
    .filter((e) => e.account !== undefined && e.secret !== undefined);
}

/** The app's sign-in on the Demo profile: its keyring entry is its own (`app:Demo`). */
function keyringSecrets() {
  return keyringEntries()
    .filter((e) => e.account === 'app:Demo')
    .map((e) => JSON.parse(e.secret));
}

test('cancel ends a sign-in that never completes', async () => {
  // With a wrong password the browser never comes back to the app, which keeps waiting. Not
  // the OWNER's account: the platform throttles an account after five failed passwords, and
  // the OWNER signs in right after this.
  actAs({ login: 'nobody@demo-clinic.test', password: 'wrong-password' });
  await browser.$(byTestId('sign-in-button')).waitForClickable({ timeout: 30_000 });
  await browser.$(byTestId('sign-in-button')).click();
  await browser.$(byTestId('sign-in-waiting')).waitForExist({ timeout: 10_000 });
  await screenshot(browser, 'sign-in-waiting');
  await browser.$(byTestId('cancel-sign-in')).click();
  assert.match(await textOf(browser, 'error-alert'), /cancel/i);
  assert.ok(await browser.$(byTestId('sign-in-button')).isExisting());
  assert.deepEqual(keyringSecrets(), [], 'nothing stored for a cancelled sign-in');
  await screenshot(browser, 'sign-in-cancelled');
});

/** A command called from inside the window, as the UI calls it; a refusal fails the test. */
async function call(command, args = {}) {
  const answer = JSON.parse(await invokeJson(browser, command, args));
  if (answer && typeof answer === 'object' && 'rejected' in answer) {
    throw new Error(`${command} was refused: ${JSON.stringify(answer.rejected)}`);
  }
  return answer;
}

const PROFILE = 'Demo';
const search = (text) =>
  call('search_users', {
    profile: PROFILE,
    query: { text, kind: null, role: null, status: null, sort: 'name', descending: false, offset: 0, limit: 50 },
  });

test('a trace-level journey leaves no secret or patient data outside the keyring', async () => {
  // What must not leak: [what, value]. What is searched: [where, bytes, the one value it may hold].
  const needles = new Map();
  const needle = (what, value) => {
    assert.ok(typeof value === 'string' && value.length >= 6, `${what} is long enough to search for`);
    needles.set(value, what);
  };
  const haystacks = [];
  // Tokens rotate on every refresh, so the keyring is read after every step.
  const readKeyring = () => {
    for (const { account, secret } of keyringEntries()) {
      if (!account.split(/[:/]/).includes(PROFILE)) continue;
      let tokens = null;
      try {
        tokens = JSON.parse(secret);
      } catch {
        // not JSON: a cache key
      }
      if (tokens?.access_token) {
        needle(`the access token of ${account}`, tokens.access_token);
        if (tokens.refresh_token) needle(`the refresh token of ${account}`, tokens.refresh_token);
      } else {
        needle(`keyring entry ${account}`, secret);
      }
    }
  };
  const files = (moment) => {
    for (const dir of ['HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME']) {
      for (const file of filesUnder(process.env[dir])) haystacks.push([`${file} (${moment})`, readFileSync(file)]);
    }
  };

  await signIn(browser, PERSONAS.owner);
  readKeyring();
  // The window starts the first sync on sign-in; wait until the cache holds the directory.
  await browser.waitUntil(async () => {
    const status = await call('sync_status', { profile: PROFILE });
    return status.phase === 'idle' && status.user_count > 1000;
  }, { timeout: 120_000, interval: 500, timeoutMsg: 'the first sync never finished' });
  readKeyring();

  // The people the cache holds, named by the seed and taken from the search answers.
  const people = [];
  for (const text of ['Guardian', '010-0199', 'Smith']) {
    const page = await search(text);
    people.push(...page.rows.filter((u) => ['PATIENT', 'GUARDIAN', 'DEPENDENT'].includes(u.kind)));
  }
  const names = new Set(people.map((u) => u.display_name));
  for (const seeded of ['John Guardian', 'Emily Guardian', 'Pat Patient']) assert.ok(names.has(seeded), `${seeded} found`);
  assert.ok(names.size >= 6, `generated patients found too: ${[...names]}`);
  for (const u of people) {
    needle(`${u.display_name} (a patient's name)`, u.display_name);
    if (u.email) needle(`${u.display_name}'s email`, u.email);
    if (u.phone) {
      needle(`${u.display_name}'s phone`, u.phone);
      needle(`${u.display_name}'s phone digits`, u.phone.replace(/\D/g, ''));
    }
  }
  for (const seeded of ['john.guardian@mail.test', 'pat.patient@mail.test', '(555) 010-0199']) needle('a seeded contact', seeded);

  // A role change, a new API key and a new client secret, as the screens make them.
  const mia = await call('server_user', { profile: PROFILE, id: 'usr_mia_member' });
  await call('set_roles', {
    profile: PROFILE,
    id: mia.id,
    roles: [...mia.staff_roles, 'SUPPORT'],
    expectedVersion: mia.version,
    reason: 'help desk',
  });
  const [account] = await call('service_accounts', { profile: PROFILE });
  const expiresAt = Math.floor(Date.now() / 1000) + 30 * 86_400;
  const created = await call('create_api_key', {
    profile: PROFILE,
    accountId: account.id,
    key: { name: 'trace journey', expires_at: expiresAt },
  });
  assert.match(created.secret, /^acx_/);
  needle('the API key', created.secret);
  const rotated = await call('rotate_client_secret', { profile: PROFILE, accountId: account.id });
  needle('the client secret', rotated.secret);
  readKeyring();
  files('signed in, cache open');
  await signOut(browser);

  // The config Owner, separately signed in, saves a setting.
  await signIn(browser, PERSONAS.configOwner);
  readKeyring();
  const view = await call('settings_view', { profile: PROFILE });
  await call('save_settings', {
    profile: PROFILE,
    baseVersion: view.settings.version,
    changes: { time_zone: 'Europe/Paris' },
    reason: 'we moved',
  });
  readKeyring();
  for (const [cmd, args] of [['list_profiles', {}], ['current_session', { profile: PROFILE }], ['demo_info', {}]]) {
    haystacks.push([`IPC ${cmd}`, Buffer.from(await invokeJson(browser, cmd, args))]);
  }
  // Demo mode lists its personas with their documented passwords on the sign-in screen.
  const demoPasswords = Object.values(PERSONAS).map((p) => p.password);
  await signOut(browser);
  assert.deepEqual(keyringSecrets(), [], 'sign-out deletes the keyring entry');
  files('after sign-out');
  needle("the OWNER's password", PERSONAS.owner.password);
  needle("the config Owner's password", PERSONAS.configOwner.password);
  haystacks.push(['driver.log (app stdout/stderr)', readFileSync(join(process.env.E2E_TMP, 'driver.log'))]);

  // Not vacuous: the log was written at trace level, and every kind of secret was found.
  const log = haystacks.find(([f]) => f.endsWith('console.log (after sign-out)'));
  assert.ok(log, 'the app log was written');
  assert.match(log[1].toString('utf8'), / TRACE /, 'the app logged at trace level (ACCESS_CONSOLE_LOG=trace)');
  const whats = [...needles.values()];
  for (const kind of [/^the access token of app:/, /^the refresh token of app:/, /^keyring entry cache-key:/]) {
    assert.ok(whats.some((w) => kind.test(w)), `searched for ${kind}: ${whats.filter((w) => !/patient|phone|email/.test(w))}`);
  }

  const leaks = [];
  for (const [where, bytes] of haystacks) {
    for (const [value, what] of needles) {
      if (where === 'IPC demo_info' && demoPasswords.includes(value)) continue;
      if (bytes.includes(value)) leaks.push(`${what} is in ${where}`);
    }
  }
  assert.deepEqual(leaks, [], 'nothing secret or personal outside the keyring');
});
