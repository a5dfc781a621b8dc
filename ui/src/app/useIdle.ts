import { useEffect, useRef } from 'react';

/** What counts as the person being there. */
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/** Input more often than this is the same activity: the handler stays cheap while a mouse moves. */
export const ACTIVITY_THROTTLE_MS = 1_000;

/**
 * Calls `onIdle` once `minutes` pass without input in the window (pointer, keys, wheel, touch).
 * Off while `minutes` is undefined. Elapsed time is read from the clock, so time the computer
 * spent asleep counts too.
 */
export function useIdle(minutes: number | undefined, onIdle: () => void) {
  const callback = useRef(onIdle);
  useEffect(() => {
    callback.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    if (minutes === undefined || !(minutes > 0)) return;
    const limit = minutes * 60_000;
    let last = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;

    const check = () => {
      const idle = Date.now() - last;
      if (idle >= limit) {
        stop();
        callback.current();
      } else {
        timer = setTimeout(check, limit - idle);
      }
    };
    // Only a timestamp per event; the one timer re-arms itself from it when it fires.
    const activity = () => {
      const now = Date.now();
      if (now - last >= ACTIVITY_THROTTLE_MS) last = now;
    };
    const options = { capture: true, passive: true } as const;
    const stop = () => {
      clearTimeout(timer);
      for (const e of INPUT_EVENTS) window.removeEventListener(e, activity, options);
    };
    for (const e of INPUT_EVENTS) window.addEventListener(e, activity, options);
    timer = setTimeout(check, limit);
    return stop;
  }, [minutes]);
}
