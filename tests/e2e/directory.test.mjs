// Support staff find a person by phone digits in the synced directory, open the household and
// jump to the guardian, all from the local cache.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { PERSONAS, byTestId, openApp, screenshot, signIn, signOut, textOf } from './helpers.mjs';

let browser;
before(async () => {
  browser = await openApp();
});
after(async () => {
  await browser?.deleteSession();
});

test('support finds a dependent by phone digits and jumps to the guardian', async () => {
  await signIn(browser, PERSONAS.support);
  await browser.$(byTestId('nav-directory')).click();
  const search = await browser.$(byTestId('directory-search'));
  await search.waitForExist({ timeout: 30_000 });
  // The first sync of the demo organization (thousands of users) finishes in seconds.
  await browser.waitUntil(async () => /^[1-9]/.test((await textOf(browser, 'directory-total')).trim()), {
    timeout: 60_000,
    timeoutMsg: 'the directory never filled from the first sync',
  });
  await search.setValue('010-0142');
  // The demo household shares the phone (555) 010-0142: Emily is John Guardian's dependent.
  const emily = await browser.$('[data-testid="directory-row"][data-user-id="usr_emily_dependent"]');
  await emily.waitForExist({ timeout: 10_000 });
  await browser.waitUntil(async () => /^2 match/.test((await textOf(browser, 'directory-total')).trim()), {
    timeout: 10_000,
    timeoutMsg: 'the search did not narrow to the household',
  });
  await screenshot(browser, 'directory-phone-search');
  await emily.click();
  await browser.$(byTestId('user-detail')).waitForExist({ timeout: 10_000 });
  assert.match(await textOf(browser, 'detail-name'), /Emily Guardian/);
  assert.match(await textOf(browser, 'detail-household'), /John Guardian/);
  assert.ok(await browser.$(byTestId('shared-contact')).isExisting(), 'the shared contact detail is marked');
  await screenshot(browser, 'directory-household');
  await browser.$('[data-testid="household-member"][data-user-id="usr_john_guardian"]').click();
  await browser.waitUntil(async () => /John Guardian/.test(await textOf(browser, 'detail-name')), {
    timeout: 10_000,
    timeoutMsg: 'the detail pane did not jump to the guardian',
  });
  await screenshot(browser, 'directory-guardian');
  await browser.keys('Escape');
  const cacheDir = join(process.env.XDG_DATA_HOME, 'access-console', 'cache');
  assert.ok(sqliteFiles(cacheDir).length > 0, 'the directory was cached on disk');
  await signOut(browser);
  assert.deepEqual(sqliteFiles(cacheDir), [], 'sign-out with "delete local copy" removes the cache files');
});

function sqliteFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).filter((f) => String(f).includes('.sqlite'));
}
