/** A Unix time (seconds) as this machine's date and time. */
export const formatTime = (seconds: number) =>
  new Date(seconds * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
