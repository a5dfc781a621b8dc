// The audit log's "Changed by" filter picks a person by name from the local copy: an owner
// types "oliv", picks Olivia Owner (her id shown small), applies, and reads only her changes;
// picked by id instead, someone who changed nothing shows an empty log.
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

const REASON = 'Audit filter check: help desk cover';

/** The demo trail starts empty: Olivia grants Mia SUPPORT (as roles.test.mjs), one audited change. */
async function oliviaMakesAChange() {
  await browser.$(byTestId('nav-directory')).click();
  const search = await browser.$(byTestId('directory-search'));
  await search.waitForExist({ timeout: 30_000 });
  // The picker searches the local copy: it must hold the directory first.
  await browser.waitUntil(async () => /^[1-9]/.test((await textOf(browser, 'directory-total')).trim()), {
    timeout: 60_000,
    timeoutMsg: 'the directory never filled from the first sync',
  });
  await search.setValue('Mia Member');
  const row = await browser.$('[data-testid="directory-row"][data-user-id="usr_mia_member"]');
  await row.waitForExist({ timeout: 10_000 });
  await row.click();
  await browser.$(byTestId('role-editor')).waitForExist({ timeout: 15_000 });
  await browser.$(byTestId('role-checkbox-SUPPORT')).click();
  await browser.$(byTestId('role-review')).click();
  await browser.$(byTestId('role-reason')).setValue(REASON);
  const apply = await browser.$(byTestId('role-apply'));
  await apply.waitForEnabled({ timeout: 10_000 });
  await apply.click();
  await browser.waitUntil(async () => (await textOf(browser, 'audit-timeline')).includes(REASON), {
    timeout: 20_000,
    timeoutMsg: 'the grant never appeared in the audit timeline',
  });
}

/** Types into a person field as a person does and picks the option for `id` from its list. */
async function pick(field, text, id) {
  const input = await browser.$(byTestId(field));
  await input.click();
  await input.addValue(text);
  const option = await browser.$(`[data-testid="${field}-options"] [role="option"][value="${id}"]`);
  await option.waitForDisplayed({ timeout: 10_000, timeoutMsg: `typing "${text}" never offered ${id}` });
  return option;
}

/** The "Changed by" cell of every row shown. */
async function changedBy() {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-testid="audit-row"]')].map((r) => r.querySelectorAll('td')[1]?.textContent ?? ''),
  );
}

test('the audit filter finds Olivia by typing "oliv", and shows only her changes', async () => {
  await signIn(browser, PERSONAS.owner);
  await oliviaMakesAChange();

  await browser.$(byTestId('nav-audit')).click();
  await browser.$(byTestId('audit-row')).waitForExist({ timeout: 20_000, timeoutMsg: 'the audit log lists nothing' });

  const option = await pick('audit-filter-actor', 'oliv', 'usr_olivia_owner');
  // Her name, with her id small beside it.
  const offered = await option.getProperty('textContent');
  assert.match(offered, /Olivia Owner/);
  assert.match(offered, /usr_olivia_owner/);
  await screenshot(browser, 'audit-pick-list');
  await option.click();
  const actor = await browser.$(byTestId('audit-filter-actor'));
  assert.equal(await actor.getValue(), 'Olivia Owner', 'the field shows the name picked');
  assert.equal(await actor.getAttribute('data-person-id'), 'usr_olivia_owner');

  await browser.$(byTestId('audit-filter-apply')).click();
  // Applying reloads the log (a spinner, then the rows): read the rows once they are back.
  let cells = [];
  await browser.waitUntil(
    async () => {
      cells = await changedBy().catch(() => []);
      return cells.length > 0;
    },
    { timeout: 20_000, timeoutMsg: 'no rows after applying the filter' },
  ).catch(async (e) => {
    await screenshot(browser, 'audit-pick-failed');
    throw e;
  });
  for (const cell of cells) assert.ok(cell.startsWith('Olivia Owner') && cell.includes('usr_olivia_owner'), `a row changed by ${cell}`);
  assert.match(await textOf(browser, 'audit-screen'), new RegExp(REASON));
  // The name stays in the field once applied (the query carried her id).
  assert.equal(await actor.getValue(), 'Olivia Owner');
  await screenshot(browser, 'audit-pick');

  // Cleared, then someone who changed nothing, found by id: the filter really narrows the log.
  await browser.$(byTestId('audit-filter-actor-clear')).click();
  assert.equal(await actor.getValue(), '');
  await (await pick('audit-filter-actor', 'usr_sam_support', 'usr_sam_support')).click();
  assert.equal(await actor.getValue(), PERSONAS.support.name);
  await browser.$(byTestId('audit-filter-apply')).click();
  await browser.$(byTestId('audit-empty')).waitForExist({ timeout: 20_000, timeoutMsg: 'Sam Support changed nothing, yet rows are listed' });
  await signOut(browser);
});
