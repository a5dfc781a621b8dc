// The window bench (scripts/bench-window.sh, docs/benchmarks-window.md): the release app and a
// blank Tauri window side by side on this machine. Cold start from the app's own startup trace,
// idle memory of every process of each, and, signed in to a platform of BENCH_USERS people after
// the full sync, keystroke → painted results and a jump to the middle of the table, both timed
// inside the page. A bench, never a test: it prints figures and fails only when it cannot measure.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { Key } from 'webdriverio';

import { PERSONAS, actAs, byTestId, invokeJson, openApp } from '../e2e/helpers.mjs';
import { ipcProbe, jumpProbe, keystrokeProbe } from './probes.mjs';

const env = (name, fallback) => process.env[name] ?? fallback ?? fail(`${name} is not set`);
const APP_BIN = env('APP_BIN');
const BLANK_BIN = env('BLANK_BIN');
const PROFILE = env('BENCH_PROFILE');
const USERS = Number(env('BENCH_WINDOW_USERS', '1000000'));
const COLD_RUNS = Number(env('BENCH_COLD_RUNS', '5'));
const QUERIES = Number(env('BENCH_QUERIES', '200'));
const JUMPS = Number(env('BENCH_JUMPS', '20'));
const IDLE_MS = 10_000;
const TMP = env('BENCH_TMP');

function fail(message) {
  throw new Error(message);
}

const median = (xs) => percentile(xs, 0.5);
function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.round((s.length - 1) * p)];
}

// A seeded generator, so every run types the same queries and jumps to the same places.
let seed = 1;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

// --- cold start --------------------------------------------------------------------------------

/** Launches `bin` with the startup trace on and returns its marks once it reports first-screen. */
async function coldStart(bin, run) {
  const trace = join(TMP, `trace-${run}.txt`);
  rmSync(trace, { force: true });
  const child = spawn(bin, [], { env: { ...process.env, ACCESS_CONSOLE_STARTUP_TRACE: trace }, stdio: 'ignore' });
  const exited = new Promise((done) => child.on('exit', done));
  try {
    for (let waited = 0; waited < 30_000; waited += 20) {
      const marks = existsSync(trace) ? parseTrace(readFileSync(trace, 'utf8')) : {};
      if ('first-screen' in marks) return marks;
      await sleep(20);
    }
    fail(`${bin} never reported first-screen`);
  } finally {
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(5_000)]);
    // Let its web processes go and the machine settle before the next launch.
    await sleep(1_000);
  }
}

function parseTrace(text) {
  const marks = {};
  for (const line of text.split('\n')) {
    const m = /^(\d+) (.+)$/.exec(line);
    if (m && !(m[2] in marks)) marks[m[2]] = Number(m[1]);
  }
  return marks;
}

// --- memory ------------------------------------------------------------------------------------

function children() {
  const byParent = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
      byParent.set(ppid, [...(byParent.get(ppid) ?? []), pid]);
    } catch {
      // gone meanwhile
    }
  }
  return byParent;
}

const exeOf = (pid) => {
  try {
    return readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return '';
  }
};
const nameOf = (pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
const pssKb = (pid) => Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);

/** PSS of the running `bin` and every process below it (its WebKit web and network processes). */
function treePss(bin) {
  const tree = children();
  const roots = [...tree.values()].flat().filter((pid) => exeOf(pid) === bin);
  if (roots.length !== 1) fail(`expected one running ${bin}, found ${roots.length}`);
  const parts = {};
  const walk = (pid) => {
    const name = nameOf(pid) === nameOf(roots[0]) ? 'app' : nameOf(pid);
    parts[name] = (parts[name] ?? 0) + pssKb(pid) / 1024;
    for (const c of tree.get(pid) ?? []) walk(c);
  };
  walk(roots[0]);
  return { total: Object.values(parts).reduce((a, b) => a + b, 0), parts };
}

const mb = (x) => `${x.toFixed(0)} MB`;
const partsText = (parts) =>
  Object.entries(parts)
    .map(([k, v]) => `${k.replace('WebKitWebProces', 'web').replace('WebKitNetworkPr', 'network')} ${v.toFixed(0)}`)
    .join(' / ');

// --- the signed-in window ------------------------------------------------------------------------

const query = (text, offset = 0, limit = 1) => ({ text, kind: null, role: null, status: null, sort: 'name', descending: false, offset, limit });

async function syncStatus(browser) {
  return JSON.parse(await invokeJson(browser, 'sync_status', { profile: PROFILE }));
}

/** What a support agent types: name starts, email local parts, phone digits (as the core bench). */
async function queriesFrom(browser) {
  const people = [];
  for (let i = 0; i < 10; i++) {
    const offset = Math.floor(random() * (USERS - 200));
    const page = JSON.parse(await invokeJson(browser, 'search_users', { profile: PROFILE, query: query('', offset, 200) }));
    people.push(...page.rows);
  }
  const kinds = [
    (u) => u.display_name.slice(0, 4),
    (u) => u.email?.split('@')[0],
    (u) => u.phone?.replace(/\D/g, '').slice(3),
  ];
  const out = [];
  while (out.length < QUERIES) {
    const u = people[Math.floor(random() * people.length)];
    const text = kinds[out.length % kinds.length](u)?.trim();
    if (text) out.push(text);
  }
  return out;
}

async function typeQueries(browser, queries) {
  const box = await browser.$(byTestId('directory-search'));
  await box.click();
  await browser.execute(keystrokeProbe);
  const samples = [];
  for (const text of queries) {
    await browser.keys([Key.Ctrl, 'a']);
    await browser.keys('Backspace');
    await waitShown(browser, '');
    let shown = '';
    for (let i = 1; i <= text.length; i++) {
      await browser.keys(text[i - 1]);
      // A keystroke that leaves the trimmed text as it was (a space) asks nothing new.
      if (text.slice(0, i).trim() === shown) continue;
      shown = text.slice(0, i).trim();
      samples.push(await waitSample(browser, shown));
    }
  }
  return samples;
}

const waitShown = (browser, text) =>
  browser.waitUntil(async () => (await browser.$(byTestId('directory')).getAttribute('data-results-for')) === text, {
    timeout: 30_000,
    timeoutMsg: `the results for '${text}' never showed`,
  });

const waitSample = (browser, text) =>
  browser.execute(async (t) => {
    const bench = window.__bench;
    const deadline = performance.now() + 30_000;
    while (performance.now() < deadline) {
      const i = bench.samples.findIndex((s) => s.text === t);
      if (i >= 0) return bench.samples.splice(i, 1)[0];
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`no painted results for '${t}'`);
  }, text);

/** The IPC round trip of the first window at two sizes, for whole queries (one call per script). */
async function ipcRoundTrips(browser, queries) {
  const stat = (xs) => `p50 ${percentile(xs, 0.5).toFixed(1)} ms, p99 ${percentile(xs, 0.99).toFixed(1)} ms`;
  for (const limit of [200, 40]) {
    const calls = [];
    for (const text of queries.slice(0, 30)) calls.push(...(await browser.execute(ipcProbe, PROFILE, [text], limit)));
    const over = calls.map((c) => c.ms - c.took);
    console.error(`search_users from the page, ${limit} rows: ${stat(calls.map((c) => c.ms))}; beyond the core's own time: ${stat(over)}`);
  }
}

async function jumps(browser) {
  const out = [];
  for (let i = 0; i < JUMPS; i++) {
    const at = i === 0 ? 0.5 : 0.05 + random() * 0.9;
    out.push(await browser.execute(jumpProbe, at));
    await sleep(300);
  }
  return out;
}

// --- the run -----------------------------------------------------------------------------------

async function main() {
  const rows = [];
  const row = (what, ...cells) => {
    rows.push(`| ${what.padEnd(24)} | ${String(USERS).padStart(9)} | ${cells.join(' | ')} |`);
    // Also at once, so a run that fails later still leaves what it measured.
    console.error(rows.at(-1));
  };

  // Cold start first, with nothing else of either running: the sign-in card, as a person starting
  // the app sees it, against the blank window's page.
  const app = [];
  const blank = [];
  for (let run = 0; run < COLD_RUNS; run++) {
    app.push(await coldStart(APP_BIN, `app-${run}`));
    blank.push(await coldStart(BLANK_BIN, `blank-${run}`));
  }
  const marks = ['main entered', 'window created', 'setup done', 'page load finished', 'first-screen'];
  for (const mark of marks) {
    const a = median(app.map((m) => m[mark]));
    const b = median(blank.map((m) => m[mark]));
    console.error(`cold start, ${mark}: app ${a} ms, blank ${b} ms`);
  }
  const coldApp = median(app.map((m) => m['first-screen']));
  const coldBlank = median(blank.map((m) => m['first-screen']));
  row('cold start first screen', `app ${coldApp} ms`, `blank ${coldBlank} ms`, `ratio ${(coldApp / coldBlank).toFixed(2)}`, `median of ${COLD_RUNS}`);

  // The blank window's idle memory, driven the same way as the app's (over WebDriver).
  const blankWindow = await openApp({ application: BLANK_BIN });
  await sleep(IDLE_MS);
  const blankPss = treePss(BLANK_BIN);
  await blankWindow.deleteSession();
  console.error(`idle PSS blank: ${partsText(blankPss.parts)}`);

  const browser = await openApp();
  try {
    actAs(PERSONAS.owner);
    const signIn = await browser.$(byTestId('sign-in-button'));
    await signIn.waitForClickable({ timeout: 60_000 });
    await signIn.click();
    await browser.$(byTestId('nav-directory')).waitForClickable({ timeout: 60_000 });
    const started = Date.now();
    await browser.$(byTestId('nav-directory')).click();
    await browser.waitUntil(
      async () => {
        const s = await syncStatus(browser);
        return s.phase === 'idle' && s.last_synced_at !== null && s.user_count > 0;
      },
      { timeout: 900_000, interval: 500, timeoutMsg: 'the full sync never finished' },
    );
    const synced = (await syncStatus(browser)).user_count;
    row('window full sync', `${synced} users`, `${((Date.now() - started) / 1000).toFixed(1)} s`, 'from the directory opening', '');

    await sleep(IDLE_MS);
    const appPss = treePss(APP_BIN);
    console.error(`idle PSS app: ${partsText(appPss.parts)}`);
    row('idle PSS, all processes', `app ${mb(appPss.total)}`, `blank ${mb(blankPss.total)}`, `ratio ${(appPss.total / blankPss.total).toFixed(2)}`, partsText(appPss.parts));
    if (process.env.EMULATOR_PID) {
      row('emulator PSS (separate)', mb(pssKb(process.env.EMULATOR_PID) / 1024), '', '', 'the platform, not the app');
    }

    await browser.$(byTestId('directory-search')).click();
    await waitShown(browser, '');
    const jumped = await jumps(browser);
    row('jump → painted rows', `${jumped.length} jumps`, `p50 ${percentile(jumped, 0.5).toFixed(1)} ms`, `p99 ${percentile(jumped, 0.99).toFixed(1)} ms`, `max ${Math.max(...jumped).toFixed(1)} ms`);

    const queries = await queriesFrom(browser);
    await ipcRoundTrips(browser, queries);
    const typed = await typeQueries(browser, queries);
    const ms = typed.map((s) => s.ms);
    const took = typed.map((s) => s.took).filter((t) => !Number.isNaN(t));
    for (const s of [...typed].sort((a, b) => b.ms - a.ms).slice(0, 5)) {
      console.error(`slow keystroke: '${s.text}' ${s.ms.toFixed(1)} ms (search ${s.took} ms)`);
    }
    // Where a keystroke's time goes: to the commit of its answer (IPC, core, React), then the frame.
    const stat = (xs) => `p50 ${percentile(xs, 0.5).toFixed(1)} ms, p99 ${percentile(xs, 0.99).toFixed(1)} ms`;
    console.error(`keystroke to commit: ${stat(typed.map((s) => s.toCommit))}; commit to painted: ${stat(typed.map((s) => s.toPaint))}`);
    row('keystroke → painted', `${ms.length} keys`, `p50 ${percentile(ms, 0.5).toFixed(1)} ms`, `p99 ${percentile(ms, 0.99).toFixed(1)} ms`, `max ${Math.max(...ms).toFixed(1)} ms; core search p50 ${percentile(took, 0.5)} ms, p99 ${percentile(took, 0.99)} ms`);
    // What the window adds to the core's own search time (the IPC, React, the frame).
    const over = typed.filter((s) => !Number.isNaN(s.took)).map((s) => s.ms - s.took);
    row('keystroke minus search', `${over.length} keys`, `p50 ${percentile(over, 0.5).toFixed(1)} ms`, `p99 ${percentile(over, 0.99).toFixed(1)} ms`, `max ${Math.max(...over).toFixed(1)} ms`);
  } catch (e) {
    if (process.env.BENCH_ARTIFACTS) await browser.saveScreenshot(join(process.env.BENCH_ARTIFACTS, 'failed.png'));
    throw e;
  } finally {
    await browser.deleteSession();
  }

  console.log('| what                     |     users | figure | figure | figure | note |');
  console.log('|--------------------------|-----------|--------|--------|--------|------|');
  for (const r of rows) console.log(r);
}

await main();
