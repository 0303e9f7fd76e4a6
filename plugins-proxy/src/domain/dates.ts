/**
 * Dates both ways: a Dataverse instant → the calendar date in the organisation's time zone, and every
 * date form Xero and xero-node produce → `YYYY-MM-DD` or an ISO instant (docs/domain-rules.md).
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
