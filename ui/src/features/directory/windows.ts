/** Rows fetched per call: a few screens' worth, so scrolling rarely waits on a fetch. */
export const WINDOW_SIZE = 200;

/**
 * The windows (by index) that hold rows `first..last` inclusive. An empty range still asks for
 * window 0: the total is not known until some window has loaded.
 */
export function windowsFor(first: number, last: number, size = WINDOW_SIZE): number[] {
  if (last < first || last < 0) return [0];
  const from = Math.floor(Math.max(first, 0) / size);
  const to = Math.floor(last / size);
  const out: number[] = [];
  for (let w = from; w <= to; w++) out.push(w);
  return out;
}

/** Where row `index` sits: which window, and its position inside it. */
export const locate = (index: number, size = WINDOW_SIZE) => ({
  window: Math.floor(index / size),
  slot: index % size,
});
