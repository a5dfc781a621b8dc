// A million 36 px rows need 36M px, more than a page can show: WebKit (the Linux and macOS
// webview) lays out up to ~33.5M px but paints nothing past 2^24 px (~16.7M; rows there are laid
// out, present in the DOM and invisible, seen in WebKitGTK), and Firefox stops near 17.8M.
// Past MAX_SCROLL_PX the scrollable height is capped and the scroll position is scaled: the
// scrollbar spans every row, and a wheel turn moves more rows than it would natively (2.4 times
// as many for a million rows).

export const ROW_HEIGHT = 36;
export const HEADER_HEIGHT = 36;
export const MAX_SCROLL_PX = 15_000_000;

export interface ScrollGeometry {
  rowHeight: number;
  /** Height the rows would need unscaled. */
  virtualHeight: number;
  /** Height laid out in the page (≤ max). */
  realHeight: number;
  /** Virtual px per real scrolled px; 1 when nothing is capped. */
  scale: number;
}

/** Geometry of `rows` rows seen through a viewport `viewport` px tall. */
export function scrollGeometry(rows: number, viewport: number, rowHeight = ROW_HEIGHT, max = MAX_SCROLL_PX): ScrollGeometry {
  const virtualHeight = Math.max(rows, 0) * rowHeight;
  const realHeight = Math.min(virtualHeight, max);
  // Map the real scroll range onto the virtual one end to end, so the bottom of the scrollbar
  // shows the last row exactly.
  const scale =
    virtualHeight > realHeight && realHeight > viewport ? (virtualHeight - viewport) / (realHeight - viewport) : 1;
  return { rowHeight, virtualHeight, realHeight, scale };
}

/** The rows' virtual offset at the top of the viewport for a real scrollTop. */
export const toVirtual = (scrollTop: number, g: ScrollGeometry) => scrollTop * g.scale;

/** The real scrollTop that puts a virtual offset at the top of the viewport. */
export const toReal = (offset: number, g: ScrollGeometry) => offset / g.scale;

/** Where to lay row `index` out, in px from the top of the rows' box, for the current scrollTop. */
export const rowTop = (index: number, scrollTop: number, g: ScrollGeometry) =>
  scrollTop + index * g.rowHeight - toVirtual(scrollTop, g);

/** The rows at least partly visible: [first, last], empty (last < first) when there are none. */
export function visibleRows(scrollTop: number, viewport: number, rows: number, g: ScrollGeometry): [number, number] {
  if (rows <= 0 || viewport <= 0) return [0, -1];
  const top = toVirtual(scrollTop, g);
  const first = Math.max(0, Math.floor(top / g.rowHeight));
  const last = Math.min(rows - 1, Math.ceil((top + viewport) / g.rowHeight) - 1);
  return [first, last];
}

/** The real scrollTop that brings row `index` fully into view, or null when it already is. */
export function scrollToReveal(index: number, scrollTop: number, viewport: number, g: ScrollGeometry): number | null {
  const top = toVirtual(scrollTop, g);
  const rowStart = index * g.rowHeight;
  const rowEnd = rowStart + g.rowHeight;
  if (rowStart < top) return toReal(rowStart, g);
  if (rowEnd > top + viewport) return toReal(rowEnd - viewport, g);
  return null;
}
