// An OWNER manages people in the real window: adds a dependent under a guardian (the shared
// contact is marked), suspends a patient, and reads who comes of age next month.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';

import { PERSONAS, byTestId, openApp, replaceText, screenshot, signIn, signOut, textOf } from './helpers.mjs';

let browser;
before(async () => {
  browser = await openApp();
  await signIn(browser, PERSONAS.owner);
});
after(async () => {
  await signOut(browser).catch(() => {});
  await browser?.deleteSession();
});

// A test that fails with a dialog open would leave it over the next test's screen.
afterEach(async () => {
  if (await browser.$('[role="dialog"]').isExisting()) await browser.keys('Escape');
});

async function openPerson(id, text) {
  await browser.$(byTestId('nav-directory')).click();
  const search = await browser.$(byTestId('directory-search'));
  await search.waitForExist({ timeout: 30_000 });
  await browser.waitUntil(async () => /^[1-9]/.test((await textOf(browser, 'directory-total')).trim()), {
    timeout: 60_000,
    timeoutMsg: 'the directory never filled from the first sync',
  });
  await replaceText(browser, 'directory-search', text);
  const row = await browser.$(`[data-testid="directory-row"][data-user-id="${id}"]`);
  await row.waitForExist({ timeout: 20_000, timeoutMsg: `${text} never appeared in the directory` });
  await row.click();
  await browser.$(byTestId('user-detail')).waitForExist({ timeout: 10_000 });
}

async function typeInto(id, value) {
  const el = await browser.$(byTestId(id));
  await el.waitForExist({ timeout: 10_000 });
  await el.setValue(value);
}

test("an owner adds a dependent under John Guardian, sharing John's email, and sees it marked", async () => {
  await openPerson('usr_john_guardian', 'John Guardian');
  await browser.waitUntil(async () => /John Guardian/.test(await textOf(browser, 'detail-name')), {
    timeout: 10_000,
    timeoutMsg: "John Guardian's record never opened",
  });
  await browser.$(byTestId('person-add-dependent')).click();
  // The form waits for the platform's rules for people, and the offer of John's email for his
  // record; on a slow machine either can take longer than an implicit wait.
  await browser.$(byTestId('person-form')).waitForExist({ timeout: 20_000, timeoutMsg: 'the form never loaded the rules for people' });
  await typeInto('person-display_name', 'Lily Guardian');
  const offer = await browser.$(byTestId('person-use-guardian-email'));
  await offer.waitForExist({ timeout: 20_000, timeoutMsg: "the form never offered John Guardian's email" }).catch(async (e) => {
    await screenshot(browser, 'people-offer-failed');
    throw e;
  });
  await offer.click();
  await typeInto('person-date_of_birth', '2021-05-06');
  await typeInto('person-reason', 'Newborn sibling registered at the front desk');
  const save = await browser.$(byTestId('person-save'));
  await screenshot(browser, 'people-add-dependent');
  await save.waitForEnabled({ timeout: 10_000 });
  await save.click();
  await browser
    .$(byTestId('person-form'))
    .waitForExist({ reverse: true, timeout: 20_000 })
    .catch(async (e) => {
      await screenshot(browser, 'people-add-dependent-failed');
      throw e;
    });
  // John's household has the new dependent from the feed once the platform confirmed it.
  const lily = await browser.$('//*[@data-testid="household-member"]//button[normalize-space()="Lily Guardian"]');
  await lily.waitForExist({ timeout: 20_000, timeoutMsg: "the new dependent never reached John's household" }).catch(async (e) => {
    await screenshot(browser, 'people-household-failed');
    throw e;
  });
  await lily.click();
  await browser.waitUntil(async () => /Lily Guardian/.test(await textOf(browser, 'detail-name')), { timeout: 10_000 });
  assert.ok(await browser.$(byTestId('shared-contact')).isExisting(), 'the email shared with John is marked');
  assert.match(await textOf(browser, 'detail-guardian-access'), /full access/, 'a five-year-old: the guardian sees everything');
  assert.match(await textOf(browser, 'user-detail'), /John Guardian/);
  await screenshot(browser, 'people-dependent-added');
});

test('an owner suspends a patient: confirmed with a reason, and the directory says so', async () => {
  await openPerson('usr_pat_patient', 'Pat Patient');
  await browser.$(byTestId('person-status')).click();
  const dialog = await browser.$(byTestId('status-dialog'));
  await dialog.waitForExist({ timeout: 10_000 });
  assert.match(await dialog.getText(), /signed out everywhere at once/);
  await typeInto('status-reason', 'Fraud check requested by billing');
  await browser.$(byTestId('status-confirm')).click();
  await dialog.waitForExist({ reverse: true, timeout: 20_000 });
  await browser.waitUntil(async () => /suspended/.test(await textOf(browser, 'detail-status')), {
    timeout: 20_000,
    timeoutMsg: 'the detail pane never showed the suspension',
  });
  await screenshot(browser, 'people-suspended');
  assert.equal(await textOf(browser, 'person-status'), 'Reactivate…');
  await screenshot(browser, 'people-suspended');
});

test('the coming-of-age list shows a generated dependent turning 18 next month', async () => {
  await browser.$(byTestId('nav-coming-of-age')).click();
  const table = await browser.$(byTestId('coming-of-age-table'));
  await table.waitForExist({ timeout: 30_000 });
  const now = new Date();
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 15));
  const day = next.toISOString().slice(0, 10);
  await browser.waitUntil(async () => (await table.getText()).includes(day), {
    timeout: 10_000,
    timeoutMsg: `no dependent turning 18 on ${day} is listed`,
  });
  assert.match(await textOf(browser, 'coming-of-age-rule'), /turning 18/);
  await screenshot(browser, 'people-coming-of-age');
});
