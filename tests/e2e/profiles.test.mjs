// Profiles in the real window, as a clinic's IT person meets them: the app started WITHOUT demo
// mode and without a profiles file (a wrapper gives it a config folder of its own), so it opens
// on the first-run screen; "Connect" opens the editor, which is pointed at a SECOND platform
// emulator started here (the real binary, demo seed); "Test connection" shows what that server
// offers, a wrong issuer shows the mismatch in words; then save, sign in, and the directory.
// Export goes through the native GTK save dialog (driven with xdotool: the dialog is the
// desktop's, not the page's), and the file is imported in a fresh profile set both through the
// native open dialog and by opening the app with the file (what the desktop entry's %f does).
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { PERSONAS, byTestId, openApp, replaceText, screenshot, signIn, signOut, textOf } from './helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const tmp = process.env.E2E_TMP;

/** The emulator binary: EMULATOR_BIN, or beside APP_BIN's build in the cargo target folder. */
function emulatorBin() {
  const candidates = [
    process.env.EMULATOR_BIN,
    process.env.CARGO_TARGET_DIR && join(process.env.CARGO_TARGET_DIR, 'debug/platform-emulator'),
    join(dirname(process.env.APP_BIN), 'platform-emulator'),
    join(here, '../../target/debug/platform-emulator'),
  ].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  assert.ok(found, `no platform-emulator binary (build it: cargo build -p platform-emulator; or set EMULATOR_BIN); looked at ${candidates.join(', ')}`);
  return found;
}

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

let platform;
let platformUrl;
let browser;

before(async () => {
  const port = await freePort();
  platformUrl = `http://127.0.0.1:${port}`;
  platform = spawn(emulatorBin(), ['--port', String(port), '--demo-seed'], { stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 300; i++) {
    const up = await fetch(`${platformUrl}/.well-known/oauth-authorization-server`).then((r) => r.ok, () => false);
    if (up) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the second platform did not start at ${platformUrl}`);
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  platform?.kill('SIGTERM');
});

/** A wrapper of APP_BIN: no demo mode, its own config and data folders, optional arguments. */
function app(name, args = []) {
  const config = join(tmp, `${name}-config`);
  const data = join(tmp, `${name}-data`);
  mkdirSync(config, { recursive: true });
  mkdirSync(data, { recursive: true });
  const wrapper = join(tmp, `${name}.sh`);
  const quoted = args.map((a) => `"${a}"`).join(' ');
  writeFileSync(
    wrapper,
    `#!/bin/sh\nunset ACCESS_CONSOLE_DEMO\nXDG_CONFIG_HOME="${config}" XDG_DATA_HOME="${data}" exec "${process.env.APP_BIN}" ${quoted} "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
  return { wrapper, config };
}

async function shown(id) {
  await browser.$(byTestId(id)).waitForDisplayed({ timeout: 20_000 });
  await browser.pause(500); // Mantine's fade-in, so a screenshot shows it
}

async function runTest() {
  await browser.$(byTestId('profile-test')).waitForEnabled({ timeout: 10_000 });
  await browser.$(byTestId('profile-test')).click();
  const report = await browser.$(byTestId('connection-report'));
  await report.waitForExist({ timeout: 30_000 });
  return report;
}

const status = async (id) => browser.$(byTestId(`check-${id}`)).getAttribute('data-status');

/** The native GTK file dialog (the desktop's, outside the page): focus it, type a path, Return. */
async function typeIntoFileDialog(title, path, { locationBar }) {
  let id = '';
  for (let i = 0; i < 50 && !id; i++) {
    try {
      id = execFileSync('xdotool', ['search', '--name', title]).toString().trim().split('\n').pop();
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  assert.ok(id, `the "${title}" dialog did not open`);
  await new Promise((r) => setTimeout(r, 800)); // GTK maps and focuses its entry
  const x = (...a) => execFileSync('xdotool', a);
  x('windowfocus', '--sync', id);
  // The open dialog types into its location bar (Ctrl+L); the save dialog's name field has focus.
  if (locationBar) x('key', '--window', id, '--clearmodifiers', 'ctrl+l');
  else x('key', '--window', id, '--clearmodifiers', 'ctrl+a');
  x('type', '--window', id, '--delay', '20', path);
  await new Promise((r) => setTimeout(r, 300));
  x('key', '--window', id, 'Return');
}

test('first run → connect to a second platform → test connection → wrong issuer → save → sign in → directory', async () => {
  const { config } = app('first-run');
  browser = await openApp({ application: join(tmp, 'first-run.sh') });
  await shown('first-run');
  assert.match(await textOf(browser, 'first-run'), /Connect to your organization’s platform/);
  assert.match(await textOf(browser, 'first-run'), /Try the demo platform/);
  await screenshot(browser, 'first-run');
  assert.equal(existsSync(join(config, 'access-console', 'profiles.json')), false, 'nothing written yet');

  await browser.$(byTestId('first-run-connect')).click();
  await shown('profile-editor');
  await replaceText(browser, 'profile-name', 'Clinic');
  // As typed, the core says what is wrong under the field.
  await replaceText(browser, 'profile-api-base-input', 'http://platform.clinic.example');
  await browser.waitUntil(async () => /must use https/.test(await textOf(browser, 'profile-editor')), { timeout: 10_000 });
  assert.equal(await browser.$(byTestId('profile-save')).isEnabled(), false, 'Save waits for a valid profile');
  await replaceText(browser, 'profile-api-base-input', platformUrl);
  await browser.waitUntil(async () => !/must use https/.test(await textOf(browser, 'profile-editor')), { timeout: 10_000 });
  await screenshot(browser, 'profile-editor');

  let report = await runTest();
  assert.equal(await report.getAttribute('data-ok'), 'true');
  for (const id of ['reach', 'issuer', 'pkce', 'endpoints', 'protocol', 'refresh', 'scopes', 'client']) {
    assert.equal(await status(id), 'ok', `${id}: ${await textOf(browser, `check-${id}`)}`);
  }
  assert.match(await textOf(browser, 'check-protocol'), /OpenID Connect/);
  assert.match(await textOf(browser, 'check-refresh'), /refresh_token/);
  assert.match(await textOf(browser, 'check-endpoints'), new RegExp(`${platformUrl}/oauth/token`));
  assert.match(await textOf(browser, 'check-client'), /knows the client id 'access-console'/);
  await browser.$(byTestId('check-client')).scrollIntoView({ block: 'end' });
  await browser.pause(500);
  await screenshot(browser, 'connection-report');

  // A wrong issuer: one trailing slash, said in words.
  await replaceText(browser, 'profile-issuer', `${platformUrl}/`);
  report = await runTest();
  assert.equal(await report.getAttribute('data-ok'), 'false');
  assert.equal(await status('issuer'), 'fail');
  const mismatch = await textOf(browser, 'check-issuer');
  assert.match(mismatch, new RegExp(`calls itself '${platformUrl}'`));
  assert.match(mismatch, new RegExp(`differ at character ${platformUrl.length + 1}: the profile's goes on with a trailing '/'`));
  await browser.$(byTestId('check-issuer')).scrollIntoView({ block: 'center' });
  await browser.pause(500);
  await screenshot(browser, 'connection-report-wrong-issuer');
  await replaceText(browser, 'profile-issuer', '');

  await browser.$(byTestId('profile-save')).waitForEnabled({ timeout: 10_000 });
  await browser.$(byTestId('profile-save')).click();
  await browser.$(byTestId('sign-in-button')).waitForExist({ timeout: 20_000 });
  assert.equal(await textOf(browser, 'profile-api-base'), platformUrl);

  await signIn(browser, PERSONAS.owner);
  await browser.waitUntil(async () => /^[1-9]/.test((await textOf(browser, 'directory-total')).trim()), {
    timeout: 60_000,
    timeoutMsg: 'the directory never filled from the second platform',
  });
  await signOut(browser);
});

test('export through the save dialog, then import in a fresh profile set (open dialog, and the file on the command line)', async () => {
  const file = join(tmp, 'exported', 'clinic-support.acprofile');
  mkdirSync(dirname(file), { recursive: true });
  await browser.$(byTestId('manage-profiles')).click();
  await shown('manage-profiles-dialog');
  await browser.$(byTestId('export-Clinic')).click();
  await typeIntoFileDialog('Export profile', file, { locationBar: false });
  await browser.waitUntil(async () => (await textOf(browser, 'export-done').catch(() => '')).includes(file), { timeout: 20_000 });
  const written = JSON.parse(readFileSync(file, 'utf8'));
  assert.deepEqual(written, {
    format: 'access-console-profile',
    version: 1,
    profile: { name: 'Clinic', api_base: platformUrl, client_id: 'access-console', scopes: ['console', 'offline_access'] },
  });
  await browser.deleteSession();

  // A support person's computer: no profiles yet; "Import…" on the first-run screen.
  app('fresh');
  browser = await openApp({ application: join(tmp, 'fresh.sh') });
  await shown('first-run');
  await browser.$(byTestId('import-profile')).click();
  await typeIntoFileDialog('Import profile', file, { locationBar: true });
  await shown('import-confirm');
  assert.equal(await browser.$(byTestId('import-name')).getValue(), 'Clinic');
  assert.equal(await textOf(browser, 'import-api-base'), platformUrl);
  assert.equal(await textOf(browser, 'import-issuer'), 'same as the API base');
  assert.equal(await textOf(browser, 'import-client-id'), 'access-console');
  assert.equal(await textOf(browser, 'import-scopes'), 'console offline_access');
  await screenshot(browser, 'import-confirm');
  await browser.$(byTestId('import-confirm-button')).click();
  await browser.$(byTestId('sign-in-button')).waitForExist({ timeout: 20_000 });
  assert.equal(await textOf(browser, 'profile-api-base'), platformUrl);
  await browser.deleteSession();

  // Another fresh computer, the app opened with the file (a double-click in the file manager).
  app('opened-with-file', [file]);
  browser = await openApp({ application: join(tmp, 'opened-with-file.sh') });
  await shown('import-confirm');
  assert.equal(await textOf(browser, 'import-api-base'), platformUrl);
  await browser.$(byTestId('import-confirm-button')).click();
  await browser.$(byTestId('sign-in-button')).waitForExist({ timeout: 20_000 });
  assert.equal(await textOf(browser, 'profile-api-base'), platformUrl);
});

test('"Try the demo platform" on a first run starts the demo platform in the app and lists its accounts', async () => {
  await browser.deleteSession();
  app('try-demo');
  browser = await openApp({ application: join(tmp, 'try-demo.sh') });
  await shown('first-run');
  await browser.$(byTestId('first-run-demo')).click();
  await browser.$(byTestId('demo-personas')).waitForExist({ timeout: 60_000 });
  assert.match(await textOf(browser, 'profile-api-base'), /^http:\/\/127\.0\.0\.1:\d+ · built-in demo platform$/);
  assert.match(await textOf(browser, 'demo-personas'), /owner-demo/);
  await signIn(browser, PERSONAS.support);
  await signOut(browser);
});
