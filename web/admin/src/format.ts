/** Dates as the console prints them: UTC, to the minute (`2026-12-01 04:31 UTC`). */
export function utc(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Seed 002 prints unknown device parts as `-` and `Other- v. `; versions as `iOS- v. 17.4`. */
export function devicePart(text: string | null): string {
  if (!text || text === '-' || /^Other- v\. ?$/.test(text)) return 'Unknown';
  return text.replace(/- v\. ?/, ' ').trim();
}
