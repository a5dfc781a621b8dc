export { ShortcutSheet } from './ShortcutSheet';
export { isTyping, useQuestionMark } from './useShortcutSheet';
