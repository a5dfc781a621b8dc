// An owner issues an API key in the app, copies it from the show-once dialog, uses it against
// the platform with a plain HTTP client, revokes it in the app (typed confirmation), and the
// same key is refused. The key string is then nowhere in the app's files, logs or keyring, and
// no later IPC answer carries it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { PERSONAS, byTestId, filesUnder, invokeJson, openApp, screenshot, signIn, signOut, textOf } from './helpers.mjs';

let browser;
before(async () => {
  browser = await openApp();
});
after(async () => {
  await browser?.deleteSession();
});

async function meWithKey(apiBase, key) {
  const response = await fetch(`${apiBase}/v1/me`, { headers: { authorization: `Bearer ${key}` } });
  const body = await response.json().catch(() => ({}));
  return { status: response.status, body };
}

function keyringListing() {
  try {
    return execFileSync('secret-tool', ['search', '--all', '--unlock', 'service', 'access-console'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch {
    return '';
  }
}

test('an owner creates a key, uses it, revokes it, and it stops working', async () => {
  try {
    await createUseRevoke();
  } catch (e) {
    await screenshot(browser, 'keys-failure');
    throw e;
  }
});

async function createUseRevoke() {
  const info = JSON.parse(await invokeJson(browser, 'demo_info'));
  const apiBase = info.api_base;
  await signIn(browser, PERSONAS.owner);
  await browser.$(byTestId('nav-accounts')).click();
  await browser.$(byTestId('accounts-screen')).waitForExist({ timeout: 15_000 });
  const account = await browser.$(byTestId('account-row'));
  await account.waitForExist({ timeout: 15_000 });
  // WebKitWebDriver cannot click a table row itself; its first cell is what a person clicks.
  await account.$('td').click();
  await browser.$(byTestId('key-create')).click();
  await browser.$(byTestId('key-name')).setValue('e2e reminders');
  await browser.$(byTestId('key-create-submit')).click();

  const secretEl = await browser.$(byTestId('key-secret'));
  await secretEl.waitForExist({ timeout: 15_000 });
  const key = (await textOf(browser, 'key-secret')).trim();
  assert.match(key, /^acx_/, 'a recognisable key is shown once');
  assert.match(await textOf(browser, 'key-secret-dialog'), /not be shown again/i);
  await browser.$(byTestId('key-copy')).click();
  await screenshot(browser, 'keys-show-once');

  // The key works against the platform from an ordinary HTTP client.
  const used = await meWithKey(apiBase, key);
  assert.equal(used.status, 200, JSON.stringify(used.body));
  // The reminder bot acts for Dr. Priya Provider (RFC 8693): its calls are hers, the bot the actor.
  assert.equal(used.body.user_id, 'usr_priya_provider', JSON.stringify(used.body));
  assert.equal(used.body.acting?.actor_kind, 'SERVICE_ACCOUNT', JSON.stringify(used.body));

  await browser.$(byTestId('key-secret-close')).click();
  const prefix = key.split('_').slice(0, 3).join('_');
  const row = await browser.$(`[data-testid="key-row"][data-key-prefix="${prefix}"]`);
  await row.waitForExist({ timeout: 15_000 });
  await row.$(byTestId('key-revoke')).click();
  const confirm = await browser.$(byTestId('key-revoke-confirm'));
  await confirm.waitForExist({ timeout: 10_000 });
  assert.equal(await confirm.isEnabled(), false, 'revoking needs the typed confirmation');
  // The owner sees that the key is in use (the HTTP client above used it) before cutting it off.
  await browser.waitUntil(async () => !/never/i.test(await textOf(browser, 'key-revoke-last-used')), {
    timeout: 10_000,
    timeoutMsg: 'the revoke dialog does not show the key was just used',
  });
  await browser.$(byTestId('key-revoke-confirm-input')).setValue(prefix);
  await confirm.waitForEnabled({ timeout: 5_000 });
  await screenshot(browser, 'keys-revoke-confirm');
  await confirm.click();
  await browser.waitUntil(async () => /revoked/i.test(await row.getProperty('textContent')), {
    timeout: 15_000,
    timeoutMsg: 'the key never showed as revoked',
  });
  await screenshot(browser, 'keys-revoked');

  // The access review is one tab away. In the fresh demo nothing needs attention: the demo key
  // and the new (now revoked) one are neither unused for 90 days nor expiring within 14.
  await browser.$(byTestId('accounts-tab-review')).click();
  await browser.$(byTestId('access-review')).waitForExist({ timeout: 15_000 });
  await browser.$(byTestId('review-empty')).waitForExist({ timeout: 15_000 });
  await screenshot(browser, 'keys-access-review');

  const refused = await meWithKey(apiBase, key);
  assert.equal(refused.status, 401);
  assert.equal(refused.body.code, 'key_revoked');

  // The key string lives nowhere on the console's side.
  const haystacks = [];
  for (const dir of ['HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME']) {
    for (const file of filesUnder(process.env[dir])) haystacks.push([file, readFileSync(file)]);
  }
  haystacks.push(['driver.log (app stdout/stderr)', readFileSync(join(process.env.E2E_TMP, 'driver.log'))]);
  assert.ok(haystacks.some(([f]) => f.includes('.sqlite')), 'the cache file is among the searched files');
  const keyring = keyringListing();
  assert.ok(keyring.includes('access-console'), 'the keyring search saw the app entries');
  haystacks.push(['keyring', Buffer.from(keyring)]);
  const accounts = JSON.parse(await invokeJson(browser, 'service_accounts', { profile: 'Demo' }));
  for (const a of accounts) {
    haystacks.push([`IPC api_keys ${a.id}`, Buffer.from(await invokeJson(browser, 'api_keys', { profile: 'Demo', accountId: a.id }))]);
  }
  haystacks.push(['IPC service_accounts', Buffer.from(JSON.stringify(accounts))]);
  for (const [where, bytes] of haystacks) assert.ok(!bytes.includes(key), `the key leaked into ${where}`);
  await signOut(browser);
}
