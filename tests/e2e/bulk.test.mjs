// An owner changes the roles of every MEMBER at once: the dry-run plan as a table, the real
// run with per-person results, then the undo plan; and the audit log records it all.
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

/** Picks `value` in a Mantine (Multi)Select by typing it and choosing the first option. */
async function choose(testId, value) {
  const input = await browser.$(byTestId(testId));
  await input.click();
  await input.setValue(value);
  // Closed dropdowns of other selects may keep their options in the page: take the visible one.
  let option;
  await browser.waitUntil(
    async () => {
      for (const o of await browser.$$(`[role="option"][value="${value}"]`)) {
        if (await o.isDisplayed()) option = o;
      }
      return option !== undefined;
    },
    { timeout: 5_000, timeoutMsg: `no visible option ${value} in ${testId}` },
  );
  await option.click();
}

const count = async (id) => Number((await textOf(browser, id)).match(/\d+/)?.[0] ?? NaN);

test('an owner adds a role to every MEMBER with a plan, applies it, and undoes it', async () => {
  await signIn(browser, PERSONAS.owner);
  await browser.$(byTestId('nav-directory')).click();
  await browser.waitUntil(async () => /^[1-9]/.test((await textOf(browser, 'directory-total')).trim()), {
    timeout: 60_000,
    timeoutMsg: 'the directory never filled from the first sync',
  });
  await choose('filter-role', 'MEMBER');
  await browser.waitUntil(async () => /^\d+ match/.test((await textOf(browser, 'directory-total')).trim()), {
    timeout: 10_000,
  });
  const members = await count('directory-total');
  assert.ok(members > 1, 'the demo organization has several members');

  await browser.$(byTestId('bulk-roles-button')).click();
  await browser.$(byTestId('bulk-roles-dialog')).waitForExist({ timeout: 10_000 });
  // Select-all covers every matching staff member, not just the rows on screen.
  assert.match(await textOf(browser, 'bulk-scope'), new RegExp(`${members}`));
  await choose('bulk-add', 'DISPATCH');
  await browser.$(byTestId('bulk-reason')).setValue('Winter dispatch rota');
  await browser.$(byTestId('bulk-preview')).click();
  await browser.$(byTestId('bulk-plan-table')).waitForExist({ timeout: 20_000 });
  await browser.$(byTestId('bulk-apply')).waitForClickable({ timeout: 20_000 });
  const willChange = await count('bulk-count-change');
  assert.ok(willChange > 0);
  await screenshot(browser, 'bulk-plan');

  await browser.$(byTestId('bulk-apply')).click();
  await browser.$(byTestId('bulk-results')).waitForExist({ timeout: 30_000 });
  await screenshot(browser, 'bulk-results');
  await browser.$(byTestId('bulk-undo')).click();
  await browser.$(byTestId('bulk-undo-confirm')).click();
  await browser.$(byTestId('bulk-undo-results')).waitForExist({ timeout: 30_000 });
  await screenshot(browser, 'bulk-undone');
  await browser.$(byTestId('bulk-done')).click();

  // The audit log shows both the change and its undo, with their reasons, and exports them.
  await browser.$(byTestId('nav-audit')).click();
  await browser.$(byTestId('audit-screen')).waitForExist({ timeout: 10_000 });
  await browser.waitUntil(async () => (await browser.$$(byTestId('audit-row'))).length >= 2 * willChange, {
    timeout: 20_000,
    timeoutMsg: 'the audit log does not list the change and its undo',
  });
  const log = await textOf(browser, 'audit-screen');
  assert.match(log, /Winter dispatch rota/);
  assert.match(log, /Undo: Winter dispatch rota/);
  await browser.$(byTestId('audit-export')).click();
  await browser.$(byTestId('audit-export-result')).waitForExist({ timeout: 20_000 });
  assert.match(await textOf(browser, 'audit-export-result'), /\.csv/);
  await screenshot(browser, 'audit-log');
  await signOut(browser);
});
