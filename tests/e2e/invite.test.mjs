// Inviting staff in the real window: an OWNER invites a new staff member from the directory and
// is shown the link once; the scripted browser (what the person does with the link) opens it and
// sets a strong password twice on the platform's page; then that person signs in to the console.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { PERSONAS, byTestId, filesUnder, invokeJson, openApp, screenshot, signIn, signOut, textOf } from './helpers.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const stamp = Date.now();
const invited = {
  login: `quentin.harbor.${stamp}@demo-clinic.test`,
  password: 'plum-sextant-harbor-quietly-47',
  name: `Quentin Harbor ${stamp}`,
};

let browser;
before(async () => {
  browser = await openApp();
});
after(async () => {
  await browser?.deleteSession();
});

/** The config Owner sets `mfa_required_for_staff` through the window's own command; returns what it was. */
async function setStaffMfa(required) {
  await signIn(browser, PERSONAS.configOwner);
  const view = JSON.parse(await invokeJson(browser, 'settings_view', { profile: 'Demo' }));
  assert.ok(view.settings, `settings read: ${JSON.stringify(view)}`);
  const was = view.settings.values.mfa_required_for_staff;
  if (was !== required) {
    const saved = JSON.parse(
      await invokeJson(browser, 'save_settings', {
        profile: 'Demo',
        baseVersion: view.settings.version,
        changes: { mfa_required_for_staff: required },
        reason: 'e2e: invited staff sign in with a password',
      }),
    );
    assert.equal(saved.outcome, 'saved', JSON.stringify(saved));
  }
  await signOut(browser);
  return was;
}

/** Types into an input as a person does (React hears every key). */
async function type(id, text) {
  const input = await browser.$(byTestId(id));
  await input.waitForExist({ timeout: 10_000 });
  await input.click();
  await input.addValue(text);
}

/** The scripted browser on `url` as `person`: it opens the page and fills its form. */
async function browse(url, person) {
  const creds = join(process.env.E2E_TMP, `invited-${stamp}.json`);
  writeFileSync(creds, JSON.stringify({ login: person.login, password: person.password }));
  const env = { ...process.env, SCRIPTED_BROWSER_CREDENTIALS: creds };
  await promisify(execFile)('node', [join(here, '../browser/scripted-browser.mjs'), url], { env });
}

test('an OWNER invites a staff member, who accepts through the browser and signs in', async () => {
  // Password-only sign-in for the new person: the organization's MFA requirement is turned
  // off for this test and put back at its end.
  const mfaWas = await setStaffMfa(false);
  try {
    await signIn(browser, PERSONAS.owner);
    const invite = await browser.$(byTestId('invite-button'));
    await invite.waitForClickable({ timeout: 60_000 });
    await invite.click();
    await type('invite-name', invited.name);
    await type('invite-email', invited.login);
    await browser.$(byTestId('invite-role-MEMBER')).click();
    await type('invite-reason', 'joins the front desk (e2e)');
    await browser.$(byTestId('invite-submit')).click();

    await browser.$(byTestId('invite-link-dialog')).waitForExist({ timeout: 30_000 });
    const link = (await textOf(browser, 'invite-link')).trim();
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/invitations\/accept\?code=inv_/);
    await screenshot(browser, 'invite-link');
    // Closing before copying asks first, since the link cannot be shown again.
    await browser.$(byTestId('invite-link-close')).click();
    await browser.$(byTestId('invite-link-close-confirm')).click();
    await browser.$(byTestId('invite-link-dialog')).waitForExist({ reverse: true, timeout: 10_000 });

    // Pending until accepted, listed without the code.
    await browser.$(byTestId('invitations-button')).click();
    const row = await browser.$(byTestId('invitation-row'));
    await row.waitForExist({ timeout: 30_000 });
    const listed = await textOf(browser, 'invitations-table');
    assert.ok(listed.includes(invited.name), listed);
    assert.ok(!listed.includes(link.split('code=')[1]), 'no code in the listing');
    await browser.keys('Escape');
    await signOut(browser);

    // What the person does with the link: the platform's page, a strong password twice.
    await browse(link, invited);
    const used = await fetch(link);
    assert.equal(used.status, 410, 'the code is used up');

    await signIn(browser, invited);
    assert.equal((await textOf(browser, 'me-name')).trim(), invited.name);
    assert.ok((await textOf(browser, 'me-roles')).includes('MEMBER'));
    await screenshot(browser, 'invited-signed-in');
    await signOut(browser);

    // The link was a secret shown once: no file the app wrote (its trace-level log, caches,
    // config) and none of its output holds the code.
    const code = link.split('code=')[1];
    const places = ['HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'].flatMap((d) => filesUnder(process.env[d]));
    places.push(join(process.env.E2E_TMP, 'driver.log'));
    assert.ok(places.some((f) => f.endsWith('console.log')), `the app log is among them: ${places.join(', ')}`);
    for (const file of places) assert.ok(!readFileSync(file).includes(code), `the invitation code is in ${file}`);
  } finally {
    if (mfaWas !== false) await setStaffMfa(mfaWas);
  }
});
