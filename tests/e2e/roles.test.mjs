// An owner grants a role with the preview and a reason, then sees it in the person's audit
// timeline; support staff see the same person without any editor.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { PERSONAS, byTestId, openApp, screenshot, signIn, signOut, textOf } from './helpers.mjs';

let browser;
before(async () => {
  browser = await openApp();
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

test('an owner grants SUPPORT with a preview and a reason, and sees it audited', async () => {
  await signIn(browser, PERSONAS.owner);
  await openPerson('usr_mia_member', 'Mia Member');
  const editor = await browser.$(byTestId('role-editor'));
  await editor.waitForExist({ timeout: 15_000 });
  await browser.$(byTestId('role-checkbox-SUPPORT')).click();
  await browser.$(byTestId('role-review')).click();
  // The preview names what changes before anything is sent.
  await browser.waitUntil(async () => /SUPPORT/.test(await textOf(browser, 'role-diff')), {
    timeout: 10_000,
    timeoutMsg: 'the preview never showed the added role',
  });
  const apply = await browser.$(byTestId('role-apply'));
  assert.equal(await apply.isEnabled(), false, 'no reason, no apply');
  await browser.$(byTestId('role-reason')).setValue('Covers the help desk in December');
  await apply.waitForEnabled({ timeout: 10_000 });
  await screenshot(browser, 'roles-preview');
  await apply.click();
  await browser.waitUntil(
    async () => /Covers the help desk in December/.test(await textOf(browser, 'audit-timeline')),
    { timeout: 20_000, timeoutMsg: 'the change never appeared in the audit timeline' },
  );
  assert.match(await textOf(browser, 'user-detail'), /SUPPORT/);
  await screenshot(browser, 'roles-audited');
  await signOut(browser);
});

test('support staff see roles but no editor', async () => {
  await signIn(browser, PERSONAS.support);
  await openPerson('usr_mia_member', 'Mia Member');
  assert.match(await textOf(browser, 'user-detail'), /MEMBER/);
  assert.equal(await browser.$(byTestId('role-editor')).isExisting(), false);
  assert.equal(await browser.$(byTestId('nav-audit')).isExisting(), false, 'no audit log for support');
  await screenshot(browser, 'roles-support-read-only');
  await signOut(browser);
});
