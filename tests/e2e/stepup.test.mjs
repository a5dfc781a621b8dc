// Step-up in the real window: the demo platform is started with a short max_age (8 s instead of
// 300) through a wrapper of the app, so the test waits seconds, not minutes. An OWNER's sign-in
// gets old; creating an API key is then refused by the server itself (no retry by the console),
// and granting OWNER makes the console ask to confirm; the scripted browser signs in again as the
// same person and the grant is applied once, with the reason typed before.
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { PERSONAS, actAs, byTestId, invokeJson, openApp, screenshot, signIn, signOut, textOf } from './helpers.mjs';

const MAX_AGE_SECS = 8;
const REASON = 'Covers for Olivia during the audit week';
let browser;

before(async () => {
  const wrapper = join(process.env.E2E_TMP, 'app-short-step-up.sh');
  writeFileSync(wrapper, `#!/bin/sh\nACCESS_CONSOLE_DEMO_STEP_UP_SECS=${MAX_AGE_SECS} exec "${process.env.APP_BIN}" "$@"\n`);
  chmodSync(wrapper, 0o755);
  browser = await openApp({ application: wrapper });
});
after(async () => {
  await browser?.deleteSession();
});

async function openPerson(id, text) {
  await browser.$(byTestId('nav-directory')).click();
  const search = await browser.$(byTestId('directory-search'));
  await search.waitForExist({ timeout: 30_000 });
  await browser.waitUntil(async () => /^[1-9]/.test((await textOf(browser, 'directory-total')).trim()), {
    timeout: 60_000,
    timeoutMsg: 'the directory never filled from the first sync',
  });
  await search.setValue(text);
  const row = await browser.$(`[data-testid="directory-row"][data-user-id="${id}"]`);
  await row.waitForExist({ timeout: 10_000 });
  await row.click();
  await browser.$(byTestId('user-detail')).waitForExist({ timeout: 10_000 });
}

const pauseUntil = async (at) => {
  const left = at - Date.now();
  if (left > 0) await browser.pause(left);
};

test('an OWNER grants OWNER after confirming it is them; an old sign-in creates no key', async () => {
  await signIn(browser, PERSONAS.owner);
  const oldAfter = Date.now() + (MAX_AGE_SECS + 2) * 1000;

  // The server refuses on its own: the IPC answer is the challenge, and no key was made.
  const [account] = JSON.parse(await invokeJson(browser, 'service_accounts', { profile: 'Demo' }));
  assert.ok(account, 'the demo organization has a service account');
  const keysBefore = JSON.parse(await invokeJson(browser, 'api_keys', { profile: 'Demo', accountId: account.id }));
  await pauseUntil(oldAfter);
  const key = { name: 'too late', expires_at: Math.floor(Date.now() / 1000) + 86_400 };
  const refused = JSON.parse(await invokeJson(browser, 'create_api_key', { profile: 'Demo', accountId: account.id, key }));
  assert.equal(refused.rejected?.code, 'step_up_required', JSON.stringify(refused));
  assert.match(refused.rejected.message, /^Creating an API key needs you to confirm it is you/);
  const keysAfter = JSON.parse(await invokeJson(browser, 'api_keys', { profile: 'Demo', accountId: account.id }));
  assert.equal(keysAfter.length, keysBefore.length, 'a refused creation leaves no key');

  await openPerson('usr_sam_support', 'Sam Support');
  await browser.$(byTestId('role-editor')).waitForExist({ timeout: 15_000 });
  await browser.$(byTestId('role-checkbox-OWNER')).click();
  await browser.$(byTestId('role-review')).click();
  await browser.waitUntil(async () => /OWNER/.test(await textOf(browser, 'role-diff')), {
    timeout: 10_000,
    timeoutMsg: 'the preview never showed OWNER added',
  });
  await browser.$(byTestId('role-reason')).setValue(REASON);
  const apply = await browser.$(byTestId('role-apply'));
  await apply.waitForEnabled({ timeout: 10_000 });
  await apply.click();

  // The console says why, in the platform's words, and waits for the person.
  await browser.$(byTestId('step-up')).waitForExist({ timeout: 15_000 });
  assert.match(await textOf(browser, 'step-up-reason'), /^Granting OWNER needs you to confirm it is you/);
  const before = JSON.parse(await invokeJson(browser, 'server_user', { profile: 'Demo', id: 'usr_sam_support' }));
  assert.ok(!before.staff_roles.includes('OWNER'), 'nothing granted before the confirmation');
  await screenshot(browser, 'stepup-asks');

  actAs(PERSONAS.owner);
  await browser.$(byTestId('step-up-confirm')).click();
  await browser.waitUntil(async () => (await textOf(browser, 'audit-timeline')).includes(REASON), {
    timeout: 60_000,
    timeoutMsg: 'the grant never appeared in the audit timeline with its reason',
  });
  const granted = JSON.parse(await invokeJson(browser, 'server_user', { profile: 'Demo', id: 'usr_sam_support' }));
  assert.ok(granted.staff_roles.includes('OWNER'), JSON.stringify(granted));
  assert.equal(await browser.$(byTestId('step-up')).isExisting(), false, 'the notice is gone once applied');
  await screenshot(browser, 'stepup-granted');
  await signOut(browser);
});
