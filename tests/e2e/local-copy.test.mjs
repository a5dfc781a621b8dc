// One person, one copy, in one run of the app: an OWNER's synced directory (patients among it)
// never reaches a signed-out window or the MEMBER who signs in next, whether the OWNER's copy was
// deleted (the default) or kept; a kept copy comes back to the OWNER without a full sync.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { PERSONAS, byTestId, invokeJson, openApp, screenshot, signIn, signOut, textOf } from './helpers.mjs';

let browser;
before(async () => {
  browser = await openApp();
});
after(async () => {
  await browser?.deleteSession();
});

const CONSUMERS = new Set(['PATIENT', 'GUARDIAN', 'DEPENDENT', 'HCP']);
const everyone = { text: '', kind: null, role: null, status: null, sort: 'name', descending: false, offset: 0, limit: 5000 };
const household = { ...everyone, text: '010-0142', limit: 50 };

async function status() {
  return JSON.parse(await invokeJson(browser, 'sync_status', { profile: 'Demo' }));
}

/** Waits until the first sync has filled the person's copy; returns the status then. */
async function synced() {
  await browser.$(byTestId('nav-directory')).click();
  await browser.waitUntil(async () => {
    const s = await status();
    return s.phase === 'idle' && s.last_synced_at !== null && s.user_count > 0;
  }, { timeout: 60_000, timeoutMsg: 'the directory never finished its sync' });
  return status();
}

function sqliteFiles() {
  const dir = join(process.env.XDG_DATA_HOME, 'access-console', 'cache');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).filter((f) => String(f).includes('.sqlite'));
}

/** What a MEMBER may see, checked on screen and in every IPC answer that reads the copy. */
async function memberSeesStaffOnly(label) {
  await signIn(browser, PERSONAS.member);
  const s = await synced();
  const page = JSON.parse(await invokeJson(browser, 'search_users', { profile: 'Demo', query: everyone }));
  assert.ok(page.rows.length > 0, 'the MEMBER sees the staff');
  assert.deepEqual(page.rows.filter((u) => CONSUMERS.has(u.kind)).map((u) => u.id), [], `${label}: a consumer in a MEMBER's answer`);
  assert.equal(s.user_count, page.total, 'the count is the MEMBER\'s own');
  // The demo household (John and Emily share (555) 010-0142) must not reach the MEMBER at all.
  const hh = JSON.parse(await invokeJson(browser, 'search_users', { profile: 'Demo', query: household }));
  assert.equal(hh.total, 0, `${label}: the patients' household reached the MEMBER`);
  const detail = JSON.parse(await invokeJson(browser, 'get_user', { profile: 'Demo', id: 'usr_emily_dependent' }));
  assert.equal(detail, null, `${label}: a dependent's detail reached the MEMBER`);
  const search = await browser.$(byTestId('directory-search'));
  await search.setValue('Guardian');
  await browser.waitUntil(async () => /^0 match|^No /i.test((await textOf(browser, 'directory-total')).trim()), {
    timeout: 10_000,
    timeoutMsg: `${label}: the MEMBER's screen lists guardians`,
  });
  assert.equal(await browser.$('[data-testid="directory-row"][data-user-id="usr_john_guardian"]').isExisting(), false);
  await screenshot(browser, `local-copy-member-${label}`);
  await signOut(browser);
}

test('a signed-out window and the next person never read the OWNER\'s copy; a kept copy comes back sealed', async () => {
  await signIn(browser, PERSONAS.owner);
  const ownerStatus = await synced();
  const page = JSON.parse(await invokeJson(browser, 'search_users', { profile: 'Demo', query: household }));
  assert.ok(page.rows.some((u) => u.id === 'usr_emily_dependent'), 'the OWNER sees patients (else the rest proves nothing)');
  assert.ok(ownerStatus.user_count > 3000);
  await signOut(browser);

  // Signed out with the defaults: nothing reads the copy, and nothing of it is left on disk.
  const refused = JSON.parse(await invokeJson(browser, 'search_users', { profile: 'Demo', query: household }));
  assert.equal(refused.rejected?.code, 'not_signed_in', JSON.stringify(refused));
  const refusedDetail = JSON.parse(await invokeJson(browser, 'get_user', { profile: 'Demo', id: 'usr_emily_dependent' }));
  assert.equal(refusedDetail.rejected?.code, 'not_signed_in');
  assert.deepEqual(sqliteFiles(), [], 'sign-out deletes the copy by default');

  await memberSeesStaffOnly('after-delete');

  // Now the OWNER keeps the copy: the MEMBER still sees staff only, the OWNER gets it back.
  await signIn(browser, PERSONAS.owner);
  const before = await synced();
  await browser.$(byTestId('sign-out-button')).click();
  await browser.$(byTestId('sign-out-keep')).waitForClickable({ timeout: 10_000 });
  await browser.$(byTestId('sign-out-keep')).click();
  await screenshot(browser, 'local-copy-keep-dialog');
  await browser.$(byTestId('sign-out-confirm')).click();
  await browser.$(byTestId('sign-in-button')).waitForExist({ timeout: 30_000 });
  assert.equal(await browser.$(byTestId('sign-out-notice')).isExisting(), false, 'the copy was sealed, not deleted');
  const kept = JSON.parse(await invokeJson(browser, 'search_users', { profile: 'Demo', query: household }));
  assert.equal(kept.rejected?.code, 'not_signed_in', 'a kept copy is not readable signed out either');
  assert.ok(sqliteFiles().length > 0, 'the kept copy is on disk');

  await memberSeesStaffOnly('after-keep');

  await signIn(browser, PERSONAS.owner);
  const back = await synced();
  assert.equal(back.last_full_sync_at, before.last_full_sync_at, 'the kept copy needed no new full sync');
  assert.ok(back.user_count >= before.user_count - 50, 'the OWNER has their whole copy back');
  await screenshot(browser, 'local-copy-owner-back');
  await signOut(browser);
});
