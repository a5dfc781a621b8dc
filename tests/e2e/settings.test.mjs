// Organization settings in the real window: a config Member changes a field a Member may change
// (staged, reviewed as a diff, saved with a reason) and finds an Owner-only field locked with its
// reason; a config Owner then restores the version before that change from the history.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { PERSONAS, byTestId, exists, openApp, replaceText as replaceIn, screenshot, signIn, signOut, textOf } from './helpers.mjs';

const replaceText = (id, text) => replaceIn(browser, id, text);

let browser;
before(async () => {
  browser = await openApp();
});
after(async () => {
  await browser?.deleteSession();
});

// What the Member's test did, for the Owner's test to undo.
const change = { reason: `Help desk moved (e2e ${Date.now()})`, email: `desk-${Date.now()}@demo-clinic.test`, oldEmail: undefined, version: undefined };

async function openSettings() {
  await browser.$(byTestId('nav-settings')).click();
  await browser.$(byTestId('setting-support_email')).waitForExist({ timeout: 30_000 });
}

test('a config Member changes the support email with a diff and a reason, and cannot change an Owner-only field', async () => {
  await signIn(browser, PERSONAS.configMember);
  await openSettings();
  assert.match(await textOf(browser, 'settings-rights'), /config Member/);

  // The key lifetime bounds every API key of the organization: the Owner's alone, and it says so.
  const locked = await textOf(browser, 'setting-locked-max_api_key_lifetime_days');
  assert.match(locked, /Only a config Owner may change this/);
  assert.match(locked, /security control/);
  assert.equal(await browser.$(byTestId('setting-input-max_api_key_lifetime_days')).getProperty('readOnly'), true);
  assert.ok(!(await exists(browser, 'setting-locked-support_email')), 'a Member may change the support email');
  await screenshot(browser, 'settings-member-locked');

  change.oldEmail = await browser.$(byTestId('setting-input-support_email')).getValue();
  // As typed, a value the platform's served rules refuse is marked in the platform's words
  // (core checks by the schema it was served; the window knows no rule), and review waits.
  await replaceText('setting-input-support_email', 'help@');
  await browser.waitUntil(async () => (await textOf(browser, 'setting-support_email')).includes("'help@' is not an email address"), {
    timeout: 5_000,
    timeoutMsg: 'the refused email is not marked under its field',
  });
  assert.equal(await browser.$(byTestId('settings-review')).isEnabled(), false);
  await screenshot(browser, 'settings-member-invalid-email');
  await replaceText('setting-input-support_email', change.email);
  await browser.waitUntil(async () => !(await textOf(browser, 'setting-support_email')).includes('not an email address'), {
    timeout: 5_000,
    timeoutMsg: 'the message stays after a valid email',
  });
  await browser.waitUntil(async () => (await browser.$(byTestId('setting-support_email')).getAttribute('data-staged')) === 'true', {
    timeout: 5_000,
    timeoutMsg: 'the edited field is not marked as staged',
  });

  await browser.$(byTestId('settings-review')).click();
  await browser.waitUntil(async () => (await textOf(browser, 'settings-diff')).includes(change.email), {
    timeout: 15_000,
    timeoutMsg: 'the review never showed the new support email',
  });
  const save = await browser.$(byTestId('settings-save'));
  assert.equal(await save.isEnabled(), false, 'no reason, no save');
  await browser.$(byTestId('settings-reason')).setValue(change.reason);
  await save.waitForEnabled({ timeout: 10_000 });
  await screenshot(browser, 'settings-member-review');
  await save.click();

  const saved = await browser.$(byTestId('settings-saved'));
  await saved.waitForExist({ timeout: 20_000 });
  assert.match(await textOf(browser, 'settings-saved'), /Saved as version \d+/);
  change.version = Number(await saved.getAttribute('data-version'));
  assert.ok(change.version > 1, 'a save makes a new version');
  assert.equal(await browser.$(byTestId('setting-input-support_email')).getValue(), change.email);
  await screenshot(browser, 'settings-member-saved');
  await signOut(browser);
});

test('a config Owner restores the version before the Member’s change', async () => {
  assert.ok(change.version, 'the Member’s change was saved (previous test)');
  const previous = change.version - 1;
  await signIn(browser, PERSONAS.configOwner);
  await openSettings();
  assert.match(await textOf(browser, 'settings-rights'), /config Owner/);
  assert.ok(!(await exists(browser, 'setting-locked-max_api_key_lifetime_days')), 'nothing is locked for an Owner');
  assert.equal(await browser.$(byTestId('setting-input-support_email')).getValue(), change.email);

  await browser.$(byTestId('settings-tab-history')).click();
  const mine = `settings-version-${change.version}`;
  await browser.$(byTestId(mine)).waitForExist({ timeout: 15_000 });
  const row = await textOf(browser, mine);
  assert.match(row, new RegExp(PERSONAS.configMember.name));
  assert.ok(row.includes(change.reason), 'the history keeps the reason');
  assert.match(row, /Support email/);

  await browser.$(byTestId(`settings-restore-${previous}`)).click();
  // The confirmation says what restoring will change before anything is sent.
  await browser.waitUntil(async () => (await textOf(browser, 'settings-restore-diff')).includes(change.email), {
    timeout: 15_000,
    timeoutMsg: 'the restore confirmation never showed the change it undoes',
  });
  const confirm = await browser.$(byTestId('settings-restore-confirm'));
  assert.equal(await confirm.isEnabled(), false, 'no reason, no restore');
  const reason = await browser.$(byTestId('settings-restore-reason'));
  await reason.waitForClickable({ timeout: 10_000 });
  await reason.setValue('The help desk has not moved yet');
  await confirm.waitForEnabled({ timeout: 10_000 });
  await screenshot(browser, 'settings-owner-restore-confirm');
  await confirm.click();

  await browser.$(byTestId('settings-restored')).waitForExist({ timeout: 20_000 });
  assert.match(await textOf(browser, 'settings-restored'), new RegExp(`Version ${previous} restored`));
  await browser.waitUntil(async () => (await textOf(browser, 'settings-history')).includes(`restored from v${previous}`), {
    timeout: 15_000,
    timeoutMsg: 'the history does not list the restore',
  });
  await screenshot(browser, 'settings-owner-restored-history');

  await browser.$(byTestId('settings-tab-edit')).click();
  const email = await browser.$(byTestId('setting-input-support_email'));
  await browser.waitUntil(async () => (await email.getValue()) === change.oldEmail, {
    timeout: 15_000,
    timeoutMsg: `the support email is not back to "${change.oldEmail}"`,
  });
  await screenshot(browser, 'settings-owner-restored');
  await signOut(browser);
});
