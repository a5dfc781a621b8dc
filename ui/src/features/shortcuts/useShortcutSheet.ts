import { useEffect } from 'react';

/** True when a key press is typing: in a field, a text area, a list box or editable text. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest('input, textarea, select, [contenteditable="true"], [role="combobox"], [role="textbox"]') !== null;
}

/**
 * `?` anywhere in the window calls `onOpen`, except while typing, where `?` is a character.
 * Read from `event.key`, so it works whatever the keyboard layout puts `?` on (Shift+/ in US,
 * Shift+, in French); a chord with Ctrl, Cmd or Alt is someone else's shortcut.
 */
export function useQuestionMark(onOpen: () => void) {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      if (isTyping(e.target)) return;
      e.preventDefault();
      onOpen();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onOpen]);
}
