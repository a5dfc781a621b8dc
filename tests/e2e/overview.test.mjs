// An OWNER reads the organization from the Overview's charts and opens the directory filtered
// to patients from the kind chart's "Patient" button.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { PERSONAS, byTestId, invokeJson, openApp, screenshot, signIn, signOut, textOf } from './helpers.mjs';

let browser;
before(async () => {
  browser = await openApp();
});
after(async () => {
  await browser?.deleteSession();
});

/** "Patient · 1,234" → 1234. */
const countIn = (text) => Number(text.split('·')[1].replace(/[^0-9]/g, ''));

test('the Overview charts render, and "Patient" opens the directory filtered to patients', async () => {
  // The window's own freeze (ui/src/lib/prototype.ts) stands in for Tauri's freezePrototype.
  assert.equal(await browser.execute(() => Object.isFrozen(Object.prototype)), true, 'Object.prototype is frozen');
  assert.equal(await browser.execute(() => { try { Object.prototype.polluted = 1; } catch { /* refused */ } return {}.polluted === undefined; }), true);
  await signIn(browser, PERSONAS.owner);
  // The directory opens first and fills the local copy the people charts are counted from.
  await browser.$(byTestId('directory-search')).waitForExist({ timeout: 30_000 });
  await browser.waitUntil(async () => /^[1-9]/.test((await textOf(browser, 'directory-total')).trim()), {
    timeout: 60_000,
    timeoutMsg: 'the directory never filled from the first sync',
  });
  await browser.$(byTestId('nav-overview')).click();
  const patient = await browser.$(byTestId('overview-kind-PATIENT'));
  await patient.waitForExist({ timeout: 30_000 }).catch(async (e) => {
    // What the window showed instead (an error, a spinner), for whoever reads the artifacts.
    await screenshot(browser, 'overview-missing');
    console.error(await invokeJson(browser, 'overview', { profile: 'Demo' }));
    throw e;
  });
  for (const chart of ['overview-kinds', 'overview-statuses', 'overview-roles', 'overview-households']) {
    assert.equal(await textOf(browser, `${chart}-source`), 'from your local copy', chart);
  }
  // Keys and audit come from the platform, for an OWNER.
  await browser.$(byTestId('overview-keys')).waitForExist({ timeout: 30_000 });
  assert.equal(await textOf(browser, 'overview-audit-source'), 'from the platform');
  // Drawn, not only listed: the donut's segments and the bars are in the window.
  await browser.waitUntil(async () => (await browser.$$(`${byTestId('overview-kinds')} .recharts-pie-sector`)).length >= 4, {
    timeout: 10_000,
    timeoutMsg: 'the kind donut has no segments',
  });
  assert.ok((await browser.$$(`${byTestId('overview-audit')} .recharts-bar-rectangle`)).length > 0, 'the audit chart has bars');
  assert.ok((await browser.$$(`${byTestId('overview-households')} .recharts-bar-rectangle`)).length === 5, 'five household sizes');
  const patients = countIn(await patient.getProperty('textContent'));
  assert.ok(patients > 100, `the demo organization has many patients (${patients})`);
  await screenshot(browser, 'overview-light');

  await patient.click();
  await browser.waitUntil(async () => (await browser.$(byTestId('nav-directory')).getAttribute('aria-selected')) === 'true', {
    timeout: 10_000,
    timeoutMsg: 'the directory did not come to the front',
  });
  assert.equal(await browser.$(byTestId('filter-kind')).getValue(), 'Patient');
  // As many matches as the chart counted, and every row shown is a patient.
  await browser.waitUntil(async () => (await textOf(browser, 'directory-total')).startsWith(`${patients.toLocaleString('en-US')} match`), {
    timeout: 10_000,
    timeoutMsg: `the directory does not list the ${patients} patients`,
  });
  const rows = await browser.$$('[data-testid="directory-row"]');
  assert.ok(rows.length > 5, 'rows are shown');
  for (const row of rows.slice(0, 10)) {
    const id = await row.getAttribute('data-user-id');
    const detail = JSON.parse(await invokeJson(browser, 'get_user', { profile: 'Demo', id }));
    assert.equal(detail.user.kind, 'PATIENT', id);
  }
  await screenshot(browser, 'overview-directory-patients');
  await signOut(browser);
});
