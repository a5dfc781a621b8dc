// Tokens live only in the OS keyring: never in the app's files, its logs, or any IPC answer.
// Also: a sign-in that never completes can be cancelled, and sign-out empties the keyring.
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

/** The secrets the app stored in the Secret Service for the Demo profile. */
function keyringSecrets() {
  let out = '';
  try {
    out = execFileSync('secret-tool', ['search', '--all', '--unlock', 'service', 'access-console', 'username', 'Demo'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch {
    return []; // secret-tool exits non-zero when nothing matches
  }
  return out
    .split('\n')
    .filter((l) => l.startsWith('secret = '))
    .map((l) => JSON.parse(l.slice('secret = '.length)));
}

test('cancel ends a sign-in that never completes', async () => {
  // With a wrong password the browser never comes back to the app, which keeps waiting.
  actAs({ login: PERSONAS.owner.login, password: 'wrong-password' });
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

test('issued tokens appear nowhere but the keyring', async () => {
  await signIn(browser, PERSONAS.owner);
  const secrets = keyringSecrets();
  assert.equal(secrets.length, 1, 'one keyring entry for the Demo profile');
  const tokens = [secrets[0].access_token, secrets[0].refresh_token].filter(Boolean);
  // Guard against a vacuous pass: real tokens were issued and found.
  assert.equal(tokens.length, 2, 'an access token and a refresh token are stored');
  assert.ok(tokens.every((t) => t.length >= 32));

  const haystacks = [];
  for (const dir of ['HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME']) {
    for (const file of filesUnder(process.env[dir])) haystacks.push([file, readFileSync(file)]);
  }
  haystacks.push(['driver.log (app stdout/stderr)', readFileSync(join(process.env.E2E_TMP, 'driver.log'))]);
  const calls = [
    ['list_profiles', {}],
    ['select_profile', { name: 'Demo' }],
    ['current_session', { profile: 'Demo' }],
    ['demo_info', {}],
  ];
  for (const [cmd, args] of calls) {
    const json = await invokeJson(browser, cmd, args);
    assert.ok(!json.includes('"rejected"'), `${cmd} answered: ${json}`);
    haystacks.push([`IPC ${cmd}`, Buffer.from(json)]);
  }
  // The app's log file exists, so the log check is not vacuous either.
  assert.ok(haystacks.some(([f]) => f.endsWith('console.log')), 'the app log was written');
  for (const [where, bytes] of haystacks) {
    for (const token of tokens) assert.ok(!bytes.includes(token), `a token leaked into ${where}`);
  }

  await signOut(browser);
  assert.deepEqual(keyringSecrets(), [], 'sign-out deletes the keyring entry');
});
