// The window's own security, seen from inside the real window: it may call the app's commands
// (each granted by name in src-tauri/capabilities/main.json) and write and clear the clipboard,
// and nothing else. Reading the clipboard, other plugin and core commands, and commands that do
// not exist are refused by Tauri before they run; the page can frame nothing but Tauri's
// isolation frame. A copied key is cleared by Rust after the delay
// (ACCESS_CONSOLE_CLIPBOARD_CLEAR_SECS, 3 s in run.sh) only while the clipboard still holds it.
// The clipboard is read from outside the app with xclip, as another program would.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';

import { PERSONAS, byTestId, invokeJson, openApp, screenshot, signIn, signOut, textOf } from './helpers.mjs';

let browser;
before(async () => {
  browser = await openApp();
  await browser.$(byTestId('sign-in-button')).waitForExist({ timeout: 30_000 });
});
after(async () => {
  await browser?.deleteSession();
});

/** What another program gets when it pastes: the X clipboard's text, '' when it holds none. */
function systemClipboard() {
  try {
    return execFileSync('xclip', ['-selection', 'clipboard', '-o'], { encoding: 'utf8', timeout: 5_000, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if (e.code === 'ENOENT') throw new Error('xclip is needed to read the clipboard: scripts/setup.sh --test installs it');
    return ''; // "target STRING not available": nothing is on the clipboard
  }
}

const invoke = async (command, args) => JSON.parse(await invokeJson(browser, command, args));

/** Exactly what the UI's clipboard module does: write through the plugin, hand Rust the digest. */
async function copyLikeTheUi(text) {
  const answer = await browser.execute(async (t) => {
    try {
      const invoke = window.__TAURI_INTERNALS__.invoke;
      const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(t));
      const sha256Hex = Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
      await invoke('plugin:clipboard-manager|write_text', { text: t });
      return JSON.stringify({ secs: await invoke('clear_clipboard_if', { sha256Hex }) });
    } catch (e) {
      return JSON.stringify({ rejected: String(e?.message ?? e) });
    }
  }, text);
  return JSON.parse(answer);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('the window cannot read the clipboard', async () => {
  // Put something there first, so a refusal cannot be mistaken for an empty clipboard.
  const written = await invoke('plugin:clipboard-manager|write_text', { text: 'written by the window' });
  assert.equal(written, null, `writing is granted: ${JSON.stringify(written)}`);
  assert.equal(systemClipboard(), 'written by the window');

  const read = await invoke('plugin:clipboard-manager|read_text');
  assert.ok(read?.rejected, `read_text answered: ${JSON.stringify(read)}`);
  assert.match(String(read.rejected), /not allowed/i);
  assert.doesNotMatch(JSON.stringify(read), /written by the window/);
});

// Each would work in a window whose capability granted it; this one grants none of them.
const refused = [
  ['plugin:clipboard-manager|read_image', {}],
  ['plugin:clipboard-manager|write_html', { html: '<b>x</b>' }],
  ['plugin:window|title', { label: 'main' }],
  ['plugin:window|set_title', { label: 'main', value: 'spoofed' }],
  ['plugin:webview|create_webview_window', { options: { label: 'evil', url: 'https://example.org' } }],
  ['plugin:event|listen', { event: 'tauri://focus', target: { kind: 'Any' }, handler: 0 }],
  ['plugin:path|resolve_directory', { directory: 11 }],
  ['plugin:app|version', {}],
  // The opener and window-state plugins act from Rust only (About's open_log_folder, the saved
  // window size): the page may open no path or URL of its own, nor rewrite the saved state.
  ['plugin:opener|open_path', { path: '/etc' }],
  ['plugin:opener|open_url', { url: 'https://example.org' }],
  ['plugin:window-state|save_window_state', {}],
  // Profile export / import open the native dialogs from Rust: the page may open no dialog of
  // its own (which would hand it any path the person picks), nor read or write files.
  ['plugin:dialog|open', { options: {} }],
  ['plugin:dialog|save', { options: {} }],
  ['plugin:dialog|message', { message: 'spoofed', title: 'Access Console' }],
  ['plugin:fs|read_text_file', { path: '/etc/passwd' }],
  ['plugin:fs|write_text_file', { path: '/tmp/x' }],
];

for (const [command, args] of refused) {
  test(`${command} is not granted to the window`, async () => {
    const answer = await invoke(command, args);
    assert.ok(answer?.rejected, `${command} answered: ${JSON.stringify(answer)}`);
    assert.match(String(answer.rejected), /not allowed/i, `${command}: ${JSON.stringify(answer)}`);
  });
}

test('a command the app does not have is refused', async () => {
  const answer = await invoke('read_keyring', { service: 'access-console' });
  assert.ok(answer?.rejected, JSON.stringify(answer));
  assert.match(String(answer.rejected), /not (allowed|found)/i);
});

test('the granted app commands still work', async () => {
  const view = await invoke('list_profiles');
  assert.ok(!view.rejected, JSON.stringify(view));
  assert.ok(Array.isArray(view.profiles) && view.profiles.length > 0, JSON.stringify(view));
  assert.equal(typeof view.selected, 'string');
  // And the title the window set was not changed by the refused set_title above.
  assert.equal(await browser.getTitle(), 'Access Console');
});

test('the page embeds no frame but the isolation frame that every IPC call passes through', async () => {
  // Tauri's isolation pattern: one hidden frame on a per-build random scheme. IPC works through
  // it (the test above); frame-src names exactly its origin (src-tauri/src/csp.rs).
  const frames = await browser.execute(() => [...document.querySelectorAll('iframe')].map((f) => f.src));
  assert.equal(frames.length, 1, JSON.stringify(frames));
  assert.match(frames[0], /^isolation-[0-9a-f-]{36}:\/\/localhost\/$/);

  // Anything else the page (or a script injected into it) tries to frame is blocked by the CSP,
  // the app's own pages included.
  const blocked = JSON.parse(
    await browser.execute(async () => {
      const seen = [];
      const onViolation = (e) => seen.push({ directive: e.effectiveDirective, uri: e.blockedURI });
      document.addEventListener('securitypolicyviolation', onViolation);
      const added = ['tauri://localhost/index.html', 'https://example.org/', 'data:text/html,hi'].map((src) => {
        const f = document.createElement('iframe');
        f.src = src;
        return document.body.appendChild(f);
      });
      await new Promise((r) => setTimeout(r, 1_500));
      document.removeEventListener('securitypolicyviolation', onViolation);
      added.forEach((f) => f.remove());
      return JSON.stringify(seen);
    }),
  );
  assert.deepEqual(
    blocked.map((v) => v.directive),
    ['frame-src', 'frame-src', 'frame-src'],
    JSON.stringify(blocked),
  );
});

test('a copied value is left alone when something else was copied since', async () => {
  const copied = await copyLikeTheUi('acx_live_first_copy_e2e_0001');
  assert.ok(copied.secs >= 1, JSON.stringify(copied));
  assert.equal(systemClipboard(), 'acx_live_first_copy_e2e_0001');
  // The person copies something else before the delay is up: that is theirs.
  await invoke('plugin:clipboard-manager|write_text', { text: 'an address I am about to paste' });
  await sleep(copied.secs * 1000 + 2_000);
  assert.equal(systemClipboard(), 'an address I am about to paste', 'Rust must not clear what it did not copy');
});

test('copying again restarts the full delay', async () => {
  const first = await copyLikeTheUi('acx_live_copied_twice_e2e_0002');
  await sleep(first.secs * 500);
  const again = await copyLikeTheUi('acx_live_copied_twice_e2e_0002');
  // Past the first copy's delay, but not the second's: the first timer must not cut it short.
  await sleep(first.secs * 500 + 700);
  assert.equal(systemClipboard(), 'acx_live_copied_twice_e2e_0002', 'cleared by the first copy\'s timer');
  await sleep(again.secs * 500 + 2_000);
  assert.equal(systemClipboard(), '', 'cleared after the second copy\'s delay');
});

test('a digest that is not 64 hex digits is refused, saying what to send', async () => {
  const answer = await invoke('clear_clipboard_if', { sha256Hex: 'acx_live_the_secret_itself' });
  assert.equal(answer.rejected?.code, 'invalid_input', JSON.stringify(answer));
  assert.match(answer.rejected.message, /SHA-256 digest .* 64 hex digits/);
  assert.doesNotMatch(answer.rejected.message, /acx_live_the_secret_itself/);
});

test('an owner copies a new key with the Copy button, and it is cleared after the delay', async () => {
  await signIn(browser, PERSONAS.owner);
  try {
    const profile = (await invoke('list_profiles')).selected;
    await browser.$(byTestId('nav-accounts')).click();
    const account = await browser.$(byTestId('account-row'));
    await account.waitForExist({ timeout: 15_000 });
    await account.$('td').click();
    await browser.$(byTestId('key-create')).click();
    await browser.$(byTestId('key-name')).setValue('e2e clipboard');
    await browser.$(byTestId('key-create-submit')).click();
    await browser.$(byTestId('key-secret')).waitForExist({ timeout: 15_000 });
    const key = (await textOf(browser, 'key-secret')).trim();

    await browser.$(byTestId('key-copy')).click();
    const status = await browser.$(byTestId('key-copied'));
    await status.waitForExist({ timeout: 10_000 });
    // The dialog says the delay Rust will actually wait (shortened to 3 s by run.sh).
    const secs = Number(process.env.ACCESS_CONSOLE_CLIPBOARD_CLEAR_SECS ?? 30);
    assert.equal(await textOf(browser, 'key-copied'), `Copied — the clipboard is cleared in ${secs} s`);
    assert.equal(systemClipboard(), key, 'another program pastes exactly the key');
    await screenshot(browser, 'window-key-copied');

    await sleep(secs * 1000 + 2_000);
    assert.equal(systemClipboard(), '', 'the key is gone from the clipboard after the delay');

    // Leave the demo platform as it was: the account may hold only two working keys.
    await browser.$(byTestId('key-secret-close')).click();
    const prefix = key.split('_').slice(0, 3).join('_');
    for (const a of await invoke('service_accounts', { profile })) {
      const made = (await invoke('api_keys', { profile, accountId: a.id })).find?.((k) => k.prefix === prefix);
      if (made) await invoke('key_action', { profile, accountId: a.id, keyId: made.id, action: 'revoke' });
    }
  } finally {
    await signOut(browser);
  }
});
