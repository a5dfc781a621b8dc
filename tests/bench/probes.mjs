// What the window bench runs inside the page (each is sent whole over WebDriver, so each is
// self-contained). Times are the page's own clock: performance.now() / event timestamps.

/**
 * Installs the keystroke timer: from a keystroke's input event on the search box to the frame
 * that paints that text's own results. The screen marks whose answer it shows in
 * `data-results-for` (DirectoryScreen.tsx); once it names the text typed and the table has real
 * rows, the next animation frame is the one that paints them.
 */
export function keystrokeProbe() {
  const root = document.querySelector('[data-testid="directory"]');
  const bench = { samples: [], pending: null };
  window.__bench = bench;
  const check = () => {
    const p = bench.pending;
    if (!p || root.getAttribute('data-results-for') !== p.text) return;
    if (!root.querySelector('[data-testid="directory-row"]')) return;
    bench.pending = null;
    // What the core's search itself took, as the screen says it ("N matches · 3.0 ms").
    const took = Number(/· ([\d.]+) ms/.exec(document.querySelector('[data-testid="directory-total"]')?.textContent ?? '')?.[1] ?? NaN);
    // The answer is committed to the page now; the frame follows.
    const committed = performance.now();
    requestAnimationFrame(() => {
      const now = performance.now();
      bench.samples.push({ text: p.text, ms: now - p.t0, took, toCommit: committed - p.t0, toPaint: now - committed });
    });
  };
  document.addEventListener(
    'input',
    (e) => {
      if (e.target.getAttribute('data-testid') !== 'directory-search') return;
      // timeStamp is when the event was made, on performance.now()'s clock.
      bench.pending = { text: e.target.value.trim(), t0: e.timeStamp };
      queueMicrotask(check);
    },
    true,
  );
  new MutationObserver(check).observe(root, { attributes: true, attributeFilter: ['data-results-for'], childList: true, subtree: true });
}

/**
 * Scrolls the table to `at` (0..1) of its height and resolves with the ms until a frame paints
 * real rows (not placeholders) at the row that position stands for.
 */
export function jumpProbe(at) {
  const grid = document.querySelector('[role="grid"]');
  const total = Number(grid.getAttribute('aria-rowcount')) - 1;
  const view = grid.getBoundingClientRect();
  const viewRows = Math.floor((view.height - 36) / 36);
  const want = Math.round(at * (total - viewRows));
  const t0 = performance.now();
  grid.scrollTop = at * (grid.scrollHeight - grid.clientHeight);
  return new Promise((resolve, reject) => {
    const deadline = t0 + 30_000;
    const frame = () => {
      const rows = [...grid.querySelectorAll('[role="rowgroup"] [role="row"]')].filter((r) => {
        const b = r.getBoundingClientRect();
        return b.bottom > view.top + 36 && b.top < view.bottom;
      });
      const near = rows.some((r) => Math.abs(Number(r.getAttribute('aria-rowindex')) - 2 - want) <= viewRows);
      const real = rows.length > 0 && rows.every((r) => r.getAttribute('data-testid') === 'directory-row');
      // Checked in an animation frame: what it sees is what this frame paints.
      if (near && real) resolve(performance.now() - t0);
      else if (performance.now() > deadline) reject(new Error(`no rows painted at ${at}`));
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/**
 * The IPC round trip of a search, without React: `search_users` called from the page as the UI
 * calls it (through the isolation frame), for each text, with a first window of `limit` rows.
 */
export async function ipcProbe(profile, texts, limit) {
  const out = [];
  for (const text of texts) {
    const query = { text, kind: null, role: null, status: null, sort: 'name', descending: false, offset: 0, limit };
    const t0 = performance.now();
    const page = await window.__TAURI_INTERNALS__.invoke('search_users', { profile, query });
    out.push({ ms: performance.now() - t0, took: page.took_ms });
  }
  return out;
}
