// Xero's date forms: `/Date(ms+0000)/` in responses, `YYYY-MM-DD` or ISO or `/Date(ms)/` in requests
// (reference/xero-api.md §3.6 and §5 "Dates").

const MS_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

export function toMsDate(ms: number): string {
  return `/Date(${ms}+0000)/`;
}

/** A date-only value (YYYY-MM-DD) as Xero prints it: midnight UTC in `/Date()/` form. */
export function dateOnlyToMsDate(date: string): string {
  return toMsDate(Date.parse(`${date}T00:00:00Z`));
}

/** The `*String` companion fields: `2019-03-13T00:00:00`. */
export function dateOnlyToDateString(date: string): string {
  return `${date}T00:00:00`;
}

/** `2024-06-21T01:15:39.902`: the webhook `eventDateUtc` and connection date form (no zone). */
export function toUtcStamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '');
}

/** Parses a request date into YYYY-MM-DD, or returns undefined when it is not a date. */
export function parseRequestDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const ms = MS_DATE.exec(value.trim());
  if (ms) return new Date(Number(ms[1])).toISOString().slice(0, 10);
  const iso = /^(\d{4}-\d{2}-\d{2})(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
  if (!iso || Number.isNaN(Date.parse(iso[1]))) return undefined;
  return iso[1];
}

/** Parses `/Date(ms)/` or ISO timestamps into epoch ms (for where-filters and If-Modified-Since). */
export function parseTimestamp(value: string): number | undefined {
  const ms = MS_DATE.exec(value.trim());
  if (ms) return Number(ms[1]);
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

// Xero names time zones the Windows way; the ones an organisation here can have.
const IANA_ZONES: Record<string, string> = {
  AUSEASTERNSTANDARDTIME: 'Australia/Sydney',
  EAUSTRALIASTANDARDTIME: 'Australia/Brisbane',
  CENAUSTRALIASTANDARDTIME: 'Australia/Adelaide',
  WAUSTRALIASTANDARDTIME: 'Australia/Perth',
  NEWZEALANDSTANDARDTIME: 'Pacific/Auckland',
  GMTSTANDARDTIME: 'Europe/London',
  EASTERNSTANDARDTIME: 'America/New_York',
  PACIFICSTANDARDTIME: 'America/Los_Angeles',
  UTC: 'UTC',
};

/** Today's date in the organisation's time zone: Xero's default for a document without a Date. */
export function todayIn(ms: number, xeroTimezone = 'UTC'): string {
  const timeZone = IANA_ZONES[xeroTimezone.toUpperCase()] ?? 'UTC';
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(ms);
}
