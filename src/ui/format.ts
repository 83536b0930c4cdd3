const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'short', timeStyle: 'short' });

/** `23-11-2026 10:04`: how a Dutch user reads a moment. */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** `2026-07-01` as `01-07-2026`: a calendar date in a Dutch sentence, never ISO. */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return `${day}-${month}-${year}`;
}
