// Help and state in the real window: About names the workspace version (read here from the
// workspace Cargo.toml, so a bump that misses the app fails), the build and the app's folders;
// `?` opens the shortcut sheet, Escape closes it. Then the app is started again under a dark GTK
// theme (GTK_THEME=Adwaita:dark, through a wrapper as stepup.test.mjs does): WebKitGTK answers
// `prefers-color-scheme: dark` from the GTK theme, and the window follows it.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { Key } from 'webdriverio';

import { PERSONAS, byTestId, openApp, screenshot, signIn, signOut, textOf } from './helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** `version` under `[workspace.package]` in the workspace's Cargo.toml. */
function workspaceVersion() {
  const manifest = readFileSync(join(here, '../../Cargo.toml'), 'utf8');
  const section = manifest.split('[workspace.package]')[1].split('\n[')[0];
  return section.match(/^\s*version\s*=\s*"([^"]+)"/m)[1];
}

let browser;

/** Waits out the dialog's fade-in (Mantine's 200 ms transition), so a screenshot shows it. */
async function shown(id) {
  await browser.$(byTestId(id)).waitForDisplayed({ timeout: 10_000 });
  await browser.pause(500);
}

after(async () => {
  await browser?.deleteSession();
});

/** The scheme Mantine applied and what the web view says the OS prefers. */
const schemes = () =>
  browser.execute(() => ({
    applied: document.documentElement.getAttribute('data-mantine-color-scheme'),
    osDark: window.matchMedia('(prefers-color-scheme: dark)').matches,
    background: getComputedStyle(document.body).backgroundColor,
  }));

test('About shows the version, build and folders; ? opens the shortcuts, Escape closes them', async () => {
  browser = await openApp();
  await browser.$(byTestId('sign-in-button')).waitForExist({ timeout: 30_000 });
  assert.equal((await schemes()).applied, 'light', 'without a dark GTK theme the window is light');

  // From the sign-in screen, where someone looks for the log when signing in fails.
  await browser.$(byTestId('help-about')).click();
  assert.equal((await textOf(browser, 'about-version')).trim(), workspaceVersion());
  assert.match(await textOf(browser, 'about-build'), /^[0-9a-f]{7,} · \d{4}-\d{2}-\d{2}$/);
  assert.equal(await textOf(browser, 'about-config-dir'), join(process.env.XDG_CONFIG_HOME, 'access-console'));
  assert.equal(await textOf(browser, 'about-data-dir'), join(process.env.XDG_DATA_HOME, 'access-console'));
  assert.equal(await textOf(browser, 'about-log-dir'), join(process.env.XDG_DATA_HOME, 'access-console', 'logs'));
  await shown('about-dialog');
  await screenshot(browser, 'about-signed-out');
  await browser.keys(Key.Escape);
  await browser.$(byTestId('about-dialog')).waitForExist({ reverse: true, timeout: 10_000 });

  await signIn(browser, PERSONAS.owner);
  await browser.$(byTestId('about-button')).click();
  assert.equal((await textOf(browser, 'about-version')).trim(), workspaceVersion());
  await shown('about-dialog');
  await screenshot(browser, 'about');
  await browser.keys(Key.Escape);
  await browser.$(byTestId('about-dialog')).waitForExist({ reverse: true, timeout: 10_000 });

  // `?` typed into the directory's search box is text, not the shortcut.
  const search = await browser.$(byTestId('directory-search'));
  await search.waitForExist({ timeout: 30_000 });
  await search.click();
  await browser.keys('?');
  assert.equal(await search.getValue(), '?');
  assert.equal(await browser.$(byTestId('shortcut-sheet')).isExisting(), false);

  // Outside a field it opens the sheet; Escape closes it.
  await browser.$(byTestId('me-profile')).click();
  await browser.keys('?');
  const sheet = await browser.$(byTestId('shortcut-sheet'));
  await sheet.waitForExist({ timeout: 10_000 });
  assert.match(await sheet.getProperty('textContent'), /Jump to a person/);
  await shown('shortcut-sheet');
  await screenshot(browser, 'shortcuts');
  await browser.keys(Key.Escape);
  await sheet.waitForExist({ reverse: true, timeout: 10_000 });

  await signOut(browser);
  await browser.deleteSession();
  browser = undefined;
});

test('under a dark GTK theme the window is dark: sign-in and overview screenshots', async () => {
  const wrapper = join(process.env.E2E_TMP, 'app-dark.sh');
  writeFileSync(wrapper, `#!/bin/sh\nGTK_THEME=Adwaita:dark exec "${process.env.APP_BIN}" "$@"\n`);
  chmodSync(wrapper, 0o755);
  browser = await openApp({ application: wrapper });
  await browser.$(byTestId('sign-in-button')).waitForExist({ timeout: 30_000 });

  const seen = await schemes();
  assert.equal(seen.osDark, true, 'WebKitGTK reports prefers-color-scheme: dark under Adwaita:dark');
  assert.equal(seen.applied, 'dark', 'Mantine follows the OS scheme');
  await screenshot(browser, 'sign-in-dark');

  await signIn(browser, PERSONAS.owner);
  await browser.$(byTestId('nav-overview')).click();
  await browser.waitUntil(async () => (await browser.$(byTestId('nav-overview')).getAttribute('aria-selected')) === 'true', {
    timeout: 10_000,
  });
  await browser.pause(500); // the panel's first paint
  await screenshot(browser, 'overview-dark');
  await browser.$(byTestId('about-button')).click();
  await shown('about-dialog');
  await screenshot(browser, 'about-dark');
  await browser.keys(Key.Escape);
  await browser.$(byTestId('about-dialog')).waitForExist({ reverse: true, timeout: 10_000 });
  await browser.$(byTestId('nav-directory')).click();
  await browser.waitUntil(async () => /^[1-9]/.test((await textOf(browser, 'directory-total')).trim()), {
    timeout: 60_000,
    timeoutMsg: 'the directory never filled from the first sync',
  });
  await screenshot(browser, 'directory-dark');
  await signOut(browser);
});

test('the window opens at the size it was saved at (the window-state plugin)', async () => {
  // A config folder of its own, holding the state a previous run saved at 1000 x 700 (the
  // default is 1180 x 800), so the other tests' windows are not affected.
  const config = join(process.env.E2E_TMP, 'window-state-config');
  const stateDir = join(config, 'dev.accessconsole.desktop');
  mkdirSync(stateDir, { recursive: true });
  const saved = { width: 1000, height: 700, x: 20, y: 30, prev_x: 20, prev_y: 30, maximized: false, visible: true, decorated: true, fullscreen: false };
  writeFileSync(join(stateDir, '.window-state.json'), JSON.stringify({ main: saved }));
  const wrapper = join(process.env.E2E_TMP, 'app-saved-state.sh');
  writeFileSync(wrapper, `#!/bin/sh\nXDG_CONFIG_HOME="${config}" exec "${process.env.APP_BIN}" "$@"\n`);
  chmodSync(wrapper, 0o755);

  await browser?.deleteSession();
  browser = await openApp({ application: wrapper });
  await browser.$(byTestId('sign-in-button')).waitForExist({ timeout: 30_000 });
  const size = await browser.execute(() => ({ width: window.outerWidth, height: window.outerHeight }));
  assert.deepEqual(size, { width: 1000, height: 700 }, 'the saved size is restored');
});
