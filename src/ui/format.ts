const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'short', timeStyle: 'short' });

/** `23-11-2026 10:04`: how a Dutch user reads a moment. */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}
