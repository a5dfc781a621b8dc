// An OWNER acts for staff in the real window (issue 14): Olivia acts for Dr. Priya Provider with
// a reason and a time limit, sees the banner and Priya's own screens (no console access), stops
// and is back in her directory without a sign-in, and reads both names in the audit log. Then
// the same for Sam Support, whose directory is there but without what only an OWNER may do.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { PERSONAS, byTestId, exists, openApp, replaceText, screenshot, signIn, signOut, textOf } from './helpers.mjs';

let browser;
before(async () => {
  browser = await openApp();
  await signIn(browser, PERSONAS.owner);
});
after(async () => {
  await signOut(browser).catch(() => {});
  await browser?.deleteSession();
});

async function waitForDirectory() {
  await browser.$(byTestId('directory-search')).waitForExist({ timeout: 30_000 });
  await browser.waitUntil(async () => /^[1-9]/.test((await textOf(browser, 'directory-total')).trim()), {
    timeout: 60_000,
    timeoutMsg: 'the directory never filled from its sync',
  });
}

async function openPerson(id, text) {
  await browser.$(byTestId('nav-directory')).click();
  await waitForDirectory();
  await replaceText(browser, 'directory-search', text);
  const row = await browser.$(`[data-testid="directory-row"][data-user-id="${id}"]`);
  await row.waitForExist({ timeout: 20_000, timeoutMsg: `${text} never appeared in the directory` });
  await row.click();
  await browser.$(byTestId('user-detail')).waitForExist({ timeout: 10_000 });
}

/** Opens the act-for dialog of the person shown, types why and how long, and starts. */
async function startActing(reason, minutes) {
  const button = await browser.$(byTestId('act-for'));
  await button.waitForClickable({ timeout: 10_000 }).catch(async (e) => {
    await screenshot(browser, 'act-for-missing');
    throw e;
  });
  await button.click();
  const dialog = await browser.$(byTestId('acting-dialog'));
  await dialog.waitForExist({ timeout: 10_000 });
  await browser.$(byTestId('acting-reason')).setValue(reason);
  await replaceText(browser, 'acting-minutes', String(minutes));
  assert.match(await textOf(browser, 'acting-meaning'), new RegExp(`^For ${minutes} minutes the console shows what`));
  await browser.$(byTestId('acting-start')).click();
  // Olivia signed in moments ago, but the platform may still ask her to confirm (step-up): the
  // scripted browser signs in as her again.
  const banner = await browser.$(byTestId('acting-banner'));
  await browser.waitUntil(
    async () => {
      if (await banner.isExisting()) return true;
      const confirm = await browser.$(byTestId('step-up-confirm'));
      if ((await confirm.isExisting()) && (await confirm.isClickable())) await confirm.click();
      return false;
    },
    { timeout: 60_000, interval: 500, timeoutMsg: 'acting never started' },
  ).catch(async (e) => {
    await screenshot(browser, 'acting-start-failed');
    throw e;
  });
}

async function stopActing() {
  await browser.$(byTestId('acting-stop')).click();
  await browser.$(byTestId('acting-banner')).waitForExist({ reverse: true, timeout: 20_000 });
  assert.match(await textOf(browser, 'acting-ended'), /you are back in your own session/);
}

test('an OWNER acts for a provider with a reason: the banner, the provider’s screens, Stop, and both names in the audit', async () => {
  const reason = 'Covering the clinic schedule while Priya is away';
  await openPerson('usr_priya_provider', 'Priya Provider');
  await startActing(reason, 10);

  const banner = await textOf(browser, 'acting-banner');
  assert.match(banner, /Acting for Dr\. Priya Provider/);
  assert.match(banner, new RegExp(`Reason: ${reason}`));
  const left = await textOf(browser, 'acting-time-left');
  assert.match(left, /^(10:00|09:[0-5]\d) left$/, left);
  // The window is what Priya sees: her roles give no console access, and there is no directory.
  assert.match(await textOf(browser, 'no-access'), /Dr\. Priya Provider.s roles \(PROVIDER, PROVIDER_PHYSICIAN\) give no console access/);
  assert.match(await textOf(browser, 'me-name'), /Dr\. Priya Provider/);
  assert.ok(!(await exists(browser, 'directory-search')), 'no directory while acting for a provider');
  assert.ok(!(await exists(browser, 'nav-directory')));
  // The countdown moves.
  await browser.waitUntil(async () => (await textOf(browser, 'acting-time-left')) !== left, { timeout: 5_000 });
  await screenshot(browser, 'acting-provider');

  await stopActing();
  // Olivia's own directory, without a sign-in screen in between.
  assert.ok(!(await exists(browser, 'sign-in-button')));
  await waitForDirectory();
  assert.match(await textOf(browser, 'me-profile'), /Demo/);
  assert.ok(await exists(browser, 'person-add'), 'the owner may add people again');

  await browser.$(byTestId('nav-audit')).click();
  const started = await browser.$('//*[@data-testid="audit-row"][contains(., "Started acting for")]');
  await started.waitForExist({ timeout: 20_000, timeoutMsg: 'no acting.start event in the audit log' });
  const row = await started.getProperty('textContent');
  assert.match(row, /Olivia Owner/);
  assert.match(row, /Dr\. Priya Provider/);
  assert.match(row, new RegExp(reason));
  await screenshot(browser, 'acting-audit');
});

test('acting for support staff shows their directory, without what only an OWNER may do', async () => {
  await openPerson('usr_sam_support', 'Sam Support');
  await startActing('Checking what support sees after the role change', 5);
  assert.match(await textOf(browser, 'acting-banner'), /Acting for Sam Support/);
  await waitForDirectory();
  assert.ok(!(await exists(browser, 'person-add')), 'Sam cannot add people, so neither can Olivia acting for him');
  assert.ok(!(await exists(browser, 'nav-accounts')));
  await screenshot(browser, 'acting-support');
  await stopActing();
  await waitForDirectory();
  assert.ok(await exists(browser, 'person-add'));
});
