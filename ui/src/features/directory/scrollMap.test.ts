import { describe, expect, it } from 'vitest';

import { rowTop, scrollGeometry, scrollToReveal, visibleRows } from './scrollMap';

const VIEW = 720; // 20 rows of 36 px

describe('scrollGeometry', () => {
  it('lays a small table out at its own height, unscaled', () => {
    const g = scrollGeometry(1000, VIEW);
    expect(g).toMatchObject({ realHeight: 36_000, virtualHeight: 36_000, scale: 1 });
  });

  it('caps a million rows below the height WebKit still paints', () => {
    // WebKit paints nothing past 2^24 px: 36M px of rows would leave the last 530k people blank.
    const g = scrollGeometry(1_000_000, VIEW);
    expect(g.realHeight).toBeLessThan(2 ** 24 - 1000);
    expect(g.scale).toBeGreaterThan(1);
    expect(g.scale).toBeLessThan(2.5); // a wheel turn moves at most a few more rows
  });
});

describe('visibleRows', () => {
  it('shows the first screen at the top', () => {
    const g = scrollGeometry(1000, VIEW);
    expect(visibleRows(0, VIEW, 1000, g)).toEqual([0, 19]);
  });

  it('reaches exactly the last row at the bottom of a scaled scroll range', () => {
    // If the mapping were plain virtual/real, the last screen would be out of reach.
    const rows = 1_000_000;
    const g = scrollGeometry(rows, VIEW);
    const maxScrollTop = g.realHeight - VIEW;
    expect(visibleRows(maxScrollTop, VIEW, rows, g)).toEqual([rows - 20, rows - 1]);
  });

  it('is empty for an empty table', () => {
    const g = scrollGeometry(0, VIEW);
    expect(visibleRows(0, VIEW, 0, g)).toEqual([0, -1]);
  });
});

describe('rowTop', () => {
  it('is the native position when nothing is scaled', () => {
    const g = scrollGeometry(1000, VIEW);
    expect(rowTop(10, 5000, g)).toBe(360);
  });

  it('puts the row at its virtual place relative to the viewport when scaled', () => {
    const g = scrollGeometry(1_000_000, VIEW);
    const scrollTop = 12_345_678;
    const first = visibleRows(scrollTop, VIEW, 1_000_000, g)[0];
    // The first visible row sits within one row of the viewport's top edge.
    const y = rowTop(first, scrollTop, g) - scrollTop;
    expect(y).toBeLessThanOrEqual(0);
    expect(y).toBeGreaterThan(-36);
  });
});

describe('scrollToReveal', () => {
  const g = scrollGeometry(1000, VIEW);

  it('leaves a visible row alone', () => {
    expect(scrollToReveal(5, 0, VIEW, g)).toBeNull();
  });

  it('scrolls down just enough to show a row below the viewport', () => {
    // Row 20 ends at 756; the viewport must end there.
    expect(scrollToReveal(20, 0, VIEW, g)).toBe(36);
  });

  it('scrolls up to a row above the viewport', () => {
    expect(scrollToReveal(3, 3600, VIEW, g)).toBe(108);
  });

  it('reveals rows near the end of a scaled table', () => {
    const big = scrollGeometry(1_000_000, VIEW);
    const target = scrollToReveal(999_999, 0, VIEW, big);
    expect(target).not.toBeNull();
    expect(visibleRows(target ?? 0, VIEW, 1_000_000, big)[1]).toBe(999_999);
  });
});
