/**
 * Dates both ways.
 *
 * Dynamics → Xero: a Dataverse DateTime column comes as a UTC instant (`2026-11-30T14:00:00Z`);
 * Xero wants the calendar date the organisation saw, so it is converted in the organisation's IANA
 * time zone with Intl (one formatter per zone, cached). A date-only value (`2026-11-30`, the
 * DateOnly behaviour) is taken as it is.
 *
 * Xero → Dynamics: `parseXeroDate` accepts every form Xero and xero-node produce
 * (reference xero-api.md §5 "Dates") and answers one of two normal forms:
 * - `YYYY-MM-DD` for a calendar date: `2009-03-29`, `2016-12-16T00:00:00` (local midnight, no
 *   zone) and `/Date(1481846400000+0000)/` at exactly midnight UTC (how Xero encodes date-only
 *   fields), or a JS Date at midnight UTC (what xero-node makes of those);
 * - an ISO instant `YYYY-MM-DDTHH:mm:ss.sssZ` for a moment: `2020-01-08T17:26:30.5778680` (Xero's
 *   UTC timestamps carry no zone and up to 7 fraction digits), `/Date(1573755038314)/`,
 *   `/Date(1573755038314+1300)/` (the milliseconds are UTC; the offset is informational), negative
 *   epochs before 1970, strings with Z or an offset, and other Date instances.
 * Anything else gives null.
 */

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      f = null;
    }
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  return formatterFor(timeZone) !== null;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

function validDateOnly(value: string): boolean {
  const m = DATE_ONLY.exec(value);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** A Dataverse date or date-time as the organisation's calendar date, or null when unparseable. */
export function toOrgDate(value: string, timeZone: string): string | null {
  if (DATE_ONLY.test(value)) return validDateOnly(value) ? value : null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  const f = formatterFor(timeZone) ?? formatterFor('UTC');
  const parts = f!.formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const MS_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;
const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;
const DAY_MS = 86_400_000;

function fromEpoch(ms: number): string | null {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return null;
  const iso = new Date(ms).toISOString();
  return ms % DAY_MS === 0 ? iso.slice(0, 10) : iso;
}

function fromString(value: string): string | null {
  const text = value.trim();
  if (DATE_ONLY.test(text)) return validDateOnly(text) ? text : null;
  const ms = MS_DATE.exec(text);
  if (ms) return fromEpoch(Number(ms[1]));
  const local = LOCAL_TIME.exec(text);
  if (local) {
    const [, day, hh, mm, ss = '00', fraction = ''] = local;
    if (!validDateOnly(day)) return null;
    if (hh === '00' && mm === '00' && ss === '00' && /^0*$/.test(fraction)) return day;
    const millis = (fraction + '000').slice(0, 3);
    return fromEpoch(Date.parse(`${day}T${hh}:${mm}:${ss}.${millis}Z`)) ?? null;
  }
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const parsed = Date.parse(text);
    return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
  }
  return null;
}

/** Normalise any Xero date to `YYYY-MM-DD` or an ISO instant (see the module comment); never throws. */
export function parseXeroDate(value: unknown): string | null {
  if (value instanceof Date) return fromEpoch(value.getTime());
  if (typeof value === 'string') return fromString(value);
  if (typeof value === 'number') return fromEpoch(value);
  return null;
}

/** The calendar-date part of any Xero date (an instant's UTC date). */
export function xeroDateOnly(value: unknown): string | null {
  const parsed = parseXeroDate(value);
  return parsed === null ? null : parsed.slice(0, 10);
}
