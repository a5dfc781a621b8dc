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
  const bench = { samples: [], pending: null, calls: new Map() };
  window.__bench = bench;
  // Times each first-window search call by its text: the IPC round trip (isolation frame, core
  // search, answer) against the page's own work before and after it.
  const internals = window.__TAURI_INTERNALS__;
  const invoke = internals.invoke.bind(internals);
  internals.invoke = (cmd, args, options) => {
    const q = cmd === 'search_users' ? args?.query : null;
    if (!q || q.offset !== 0) return invoke(cmd, args, options);
    const call = { start: performance.now(), end: null };
    bench.calls.set(q.text, call);
    return invoke(cmd, args, options).finally(() => (call.end = performance.now()));
  };
  const check = () => {
    const p = bench.pending;
    if (!p || root.getAttribute('data-results-for') !== p.text) return;
    if (!root.querySelector('[data-testid="directory-row"]')) return;
    bench.pending = null;
    // What the core's search itself took, as the screen says it ("N matches · 3.0 ms").
    const took = Number(/· ([\d.]+) ms/.exec(document.querySelector('[data-testid="directory-total"]')?.textContent ?? '')?.[1] ?? NaN);
    const call = bench.calls.get(p.text);
    requestAnimationFrame(() => {
      const now = performance.now();
      const ipc = call?.end ? { before: call.start - p.t0, ipc: call.end - call.start, after: now - call.end } : {};
      bench.samples.push({ text: p.text, ms: now - p.t0, took, ...ipc });
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
