import { describe, expect, it } from 'vitest';

import { locate, windowsFor } from './windows';

describe('windowsFor', () => {
  it('asks for the one window that covers a screen inside it', () => {
    expect(windowsFor(0, 30)).toEqual([0]);
    expect(windowsFor(205, 240)).toEqual([1]);
  });

  it('asks for both windows when the screen straddles a boundary', () => {
    // Rows 199 and 200 live in different windows; missing one would leave placeholders forever.
    expect(windowsFor(190, 220)).toEqual([0, 1]);
    expect(windowsFor(199, 200)).toEqual([0, 1]);
  });

  it('treats the range as inclusive at both ends', () => {
    expect(windowsFor(200, 399)).toEqual([1]);
    expect(windowsFor(200, 400)).toEqual([1, 2]);
  });

  it('reaches the last window of a million rows', () => {
    expect(windowsFor(999_970, 999_999)).toEqual([4999]);
  });

  it('still asks for window 0 when nothing is laid out yet', () => {
    // Before the first window loads, total is unknown and the table has no rows to measure.
    expect(windowsFor(0, -1)).toEqual([0]);
  });

  it('honours another window size', () => {
    expect(windowsFor(10, 25, 10)).toEqual([1, 2]);
  });
});

describe('locate', () => {
  it('maps a row to its window and slot', () => {
    expect(locate(0)).toEqual({ window: 0, slot: 0 });
    expect(locate(199)).toEqual({ window: 0, slot: 199 });
    expect(locate(200)).toEqual({ window: 1, slot: 0 });
  });
});
