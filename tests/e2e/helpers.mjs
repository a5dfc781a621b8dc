// Shared steps for the end-to-end tests: one WebDriver session per test file, the app's
// demo platform, and persona switching through the scripted browser's credentials file.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Key, remote } from 'webdriverio';

// Staff sign in with a TOTP code too (mfa_required_for_staff): the seed's documented secrets.
export const PERSONAS = {
  owner: { login: 'olivia.owner@demo-clinic.test', password: 'owner-demo', totp_secret: 'OLIVIAOWNERDEMOTOTPSECRETAAAAAAA', name: 'Olivia Owner' },
  support: { login: 'sam.support@demo-clinic.test', password: 'support-demo', totp_secret: 'SAMSUPPORTDEMOTOTPSECRETAAAAAAAA', name: 'Sam Support' },
  member: { login: 'mia.member@demo-clinic.test', password: 'member-demo', totp_secret: 'MIAMEMBERDEMOTOTPSECRETAAAAAAAAA', name: 'Mia Member' },
  provider: { login: 'priya.provider@demo-clinic.test', password: 'provider-demo', totp_secret: 'PRIYAPROVIDERDEMOTOTPSECRETAAAAA', name: 'Dr. Priya Provider' },
  configOwner: { login: 'cora.config-owner@demo-clinic.test', password: 'config-owner-demo', name: 'Cora Config-Owner' },
  configMember: { login: 'milo.config-member@demo-clinic.test', password: 'config-member-demo', name: 'Milo Config-Member' },
};

export const byTestId = (id) => `[data-testid="${id}"]`;

/** `application` may be a wrapper of APP_BIN (e.g. one setting an environment variable). */
export async function openApp({ application = process.env.APP_BIN } = {}) {
  return remote({
    hostname: '127.0.0.1',
    port: Number(process.env.WEBDRIVER_PORT ?? 4444),
    logLevel: 'warn',
    // How long an action waits for its element to appear (wdio's default is a few seconds): on a
    // cold 2-core CI machine a dialog that first asks the platform for its rules can take longer.
    waitforTimeout: 20_000,
    capabilities: { 'tauri:options': { application } },
  });
}

/** The person the scripted browser will be on the next sign-in (and their TOTP secret, if any). */
export function actAs({ login, password, totp_secret }) {
  writeFileSync(process.env.SCRIPTED_BROWSER_CREDENTIALS, JSON.stringify({ login, password, totp_secret }));
}

export async function screenshot(browser, name) {
  await browser.saveScreenshot(join(process.env.E2E_ARTIFACTS, `${name}.png`));
}

export async function signIn(browser, persona) {
  // A previous test that failed half-way may have left someone signed in.
  if (await exists(browser, 'home')) await signOut(browser);
  actAs(persona);
  const button = await browser.$(byTestId('sign-in-button'));
  await button.waitForClickable({ timeout: 30_000 });
  await button.click();
  await browser.$(byTestId('home')).waitForExist({ timeout: 60_000 });
}

export async function signOut(browser, { keepCopy = false } = {}) {
  await browser.$(byTestId('sign-out-button')).click();
  // Sign-out asks for confirmation; the local directory copy is deleted unless kept.
  const confirm = await browser.$(byTestId('sign-out-confirm'));
  await confirm.waitForClickable({ timeout: 10_000 });
  if (keepCopy) await browser.$(byTestId('sign-out-keep')).click();
  await confirm.click();
  await browser.$(byTestId('sign-in-button')).waitForExist({ timeout: 30_000 });
}

export async function exists(browser, id) {
  return browser.$(byTestId(id)).isExisting();
}

/** Calls a Tauri command from inside the window, exactly as the UI does, and returns its JSON. */
export async function invokeJson(browser, command, args = {}) {
  return browser.execute(
    async (cmd, a) => {
      try {
        return JSON.stringify(await window.__TAURI_INTERNALS__.invoke(cmd, a));
      } catch (e) {
        return JSON.stringify({ rejected: e });
      }
    },
    command,
    args,
  );
}

/** The element's text content. WebKitWebDriver's visible-text algorithm returns '' for some
 * flex and badge layouts, so the DOM's own textContent is used. */
export async function textOf(browser, id) {
  const el = await browser.$(byTestId(id));
  await el.waitForExist({ timeout: 10_000 });
  return el.getProperty('textContent');
}

/** Every file below `dir`, for searching the app's folders for something that must not be there. */
export function filesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const s = statSync(path, { throwIfNoEntry: false });
    if (!s) continue;
    if (s.isDirectory()) out.push(...filesUnder(path));
    else if (s.isFile()) out.push(path);
  }
  return out;
}

/** Types `text` over what the input holds, as a person does. WebDriver's own clear sets the
 * value behind React's back, so the form would never hear of it. */
export async function replaceText(browser, id, text) {
  const input = await browser.$(byTestId(id));
  await input.waitForExist({ timeout: 10_000 });
  await input.click();
  await browser.keys([Key.Ctrl, 'a']);
  await browser.keys('Backspace');
  if (text !== '') await input.addValue(text);
  await browser.waitUntil(async () => (await input.getValue()) === text, {
    timeout: 5_000,
    timeoutMsg: `${id} does not read ${text}`,
  });
}
