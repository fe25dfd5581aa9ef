import { DateStyle } from '@/wire/datacontract/wire-types';

/**
 * .NET DateTime has 100 ns ticks, JavaScript Date milliseconds. Readers keep
 * the extra digits (0..9999 ticks) on the Date under this symbol so that a
 * value read as `...26.0970256+00:00` prints back identically.
 */
export const SUB_MILLISECOND_TICKS = Symbol.for('session-gateway.wire.subMillisecondTicks');

type DateWithTicks = Date & { [SUB_MILLISECOND_TICKS]?: number };

export function subMillisecondTicks(date: Date): number {
  return (date as DateWithTicks)[SUB_MILLISECOND_TICKS] ?? 0;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCaches = new Map<string, Map<number, number>>();
/** Offsets change on quarter-hour boundaries in every modern zone; cache per quarter hour. */
const BUCKET_MS = 15 * 60 * 1000;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function isUtc(timeZone: string): boolean {
  return (
    timeZone === 'UTC' || timeZone === 'Etc/UTC' || timeZone === 'Etc/GMT' || timeZone === 'GMT'
  );
}

function utcFromWallClock(w: WallClock): number {
  const date = new Date(Date.UTC(2000, w.month - 1, w.day, w.hour, w.minute, w.second));
  date.setUTCFullYear(w.year); // Date.UTC maps years 0..99 to 1900..1999
  return date.getTime();
}

/**
 * The zone's UTC offset in milliseconds at an instant, DST included, in whole
 * minutes: local mean time offsets have seconds (Mexico City until 1922:
 * -6:36:36), which an ISO offset cannot print; the wall clock is computed from
 * the same truncated offset, so the printed value reads back as the instant
 * (.NET on Mono truncates them the same way: -06:36:00).
 */
function computeOffset(ms: number, timeZone: string): number {
  const wall = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  let bc = false;
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    switch (part.type) {
      case 'year': wall.year = Number(part.value); break; // prettier-ignore
      case 'month': wall.month = Number(part.value); break; // prettier-ignore
      case 'day': wall.day = Number(part.value); break; // prettier-ignore
      case 'hour': wall.hour = Number(part.value); break; // prettier-ignore
      case 'minute': wall.minute = Number(part.value); break; // prettier-ignore
      case 'second': wall.second = Number(part.value); break; // prettier-ignore
      case 'era': bc = part.value.startsWith('B'); break; // prettier-ignore
    }
  }
  if (bc) wall.year = 1 - wall.year;
  const offset = utcFromWallClock(wall) - Math.floor(ms / 1000) * 1000;
  return Math.trunc(offset / 60_000) * 60_000 + 0; // + 0: never -0
}

export function zoneOffsetMs(ms: number, timeZone: string): number {
  if (isUtc(timeZone)) return 0;
  let cache = offsetCaches.get(timeZone);
  if (!cache) offsetCaches.set(timeZone, (cache = new Map()));
  const bucket = Math.floor(ms / BUCKET_MS);
  const cached = cache.get(bucket);
  if (cached !== undefined) return cached;
  const start = bucket * BUCKET_MS;
  const offset = computeOffset(start, timeZone);
  // Historical (LMT) transitions are not quarter-hour aligned: cache only uniform buckets.
  if (computeOffset(start + BUCKET_MS - 1, timeZone) !== offset) return computeOffset(ms, timeZone);
  if (cache.size > 10_000) cache.clear();
  cache.set(bucket, offset);
  return offset;
}

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

function pad4(n: number): string {
  if (n >= 1000) return String(n);
  return String(n).padStart(4, '0');
}

/** `yyyy-MM-ddTHH:mm:ss` of a shifted epoch value (UTC fields). */
function isoSeconds(shifted: Date): string {
  return (
    pad4(shifted.getUTCFullYear()) +
    '-' +
    pad2(shifted.getUTCMonth() + 1) +
    '-' +
    pad2(shifted.getUTCDate()) +
    'T' +
    pad2(shifted.getUTCHours()) +
    ':' +
    pad2(shifted.getUTCMinutes()) +
    ':' +
    pad2(shifted.getUTCSeconds())
  );
}

/** `.` + up to seven fraction digits with trailing zeros trimmed, or nothing. */
function trimmedFraction(date: Date): string {
  const ms = ((date.getTime() % 1000) + 1000) % 1000;
  const ticks = ms * 10_000 + subMillisecondTicks(date);
  if (ticks === 0) return '';
  let digits = String(ticks).padStart(7, '0');
  let end = digits.length;
  while (digits.charCodeAt(end - 1) === 48) end--;
  digits = digits.slice(0, end);
  return '.' + digits;
}

function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const minutes = Math.trunc(Math.abs(offsetMs) / 60_000);
  return sign + pad2(Math.trunc(minutes / 60)) + ':' + pad2(minutes % 60);
}

/** `DateTime.MinValue` and `DateTime.MaxValue` (…59.999, 9999 more ticks) as epoch milliseconds. */
const MIN_DATE_TIME_MS = -62135596800000;
const MAX_DATE_TIME_MS = 253402300799999;
/** No zone is more than 14 hours from UTC. */
const MAX_OFFSET_MS = 14 * 3600_000;

/**
 * A value a DateTime can hold, in the clock it prints on: `DateTime.ToLocalTime`
 * (and a UTC print) never leaves MinValue..MaxValue, it clamps, so nothing prints
 * as year 0000 or 10000. Returns the shifted date with its sub-millisecond ticks.
 */
function clampedClock(date: Date, offsetMs: number): Date {
  const shifted = date.getTime() + offsetMs;
  if (shifted < MIN_DATE_TIME_MS) return new Date(MIN_DATE_TIME_MS);
  if (shifted > MAX_DATE_TIME_MS || (shifted === MAX_DATE_TIME_MS && subMillisecondTicks(date) > 0))
    return dateFromUtcTicks(MAX_DATE_TIME_TICKS);
  return dateFromUtcTicks(utcTicksOf(date) + BigInt(offsetMs) * 10_000n);
}

/** Prints a date as .NET would for the member's style (SPEC 4.4). */
export function formatDate(date: Date, style: DateStyle, timeZone: string): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  if (ms < MIN_DATE_TIME_MS + MAX_OFFSET_MS || ms > MAX_DATE_TIME_MS - MAX_OFFSET_MS)
    return formatEdgeDate(date, style, timeZone);
  switch (style) {
    case 'local': {
      const offset = zoneOffsetMs(ms, timeZone);
      return isoSeconds(new Date(ms + offset)) + trimmedFraction(date) + formatOffset(offset);
    }
    case 'utc':
      return isoSeconds(date) + trimmedFraction(date) + 'Z';
    case 'utc-seconds':
      return isoSeconds(date) + 'Z';
    case 'utc-millis':
      return isoSeconds(date) + '.' + String(((ms % 1000) + 1000) % 1000).padStart(3, '0') + 'Z';
  }
}

/** Dates within 14 hours of DateTime's range, printed on a clamped clock. */
function formatEdgeDate(date: Date, style: DateStyle, timeZone: string): string {
  const offset = style === 'local' ? zoneOffsetMs(date.getTime(), timeZone) : 0;
  const clock = clampedClock(date, offset);
  const suffix = style === 'local' ? formatOffset(offset) : 'Z';
  switch (style) {
    case 'utc-seconds':
      return isoSeconds(clock) + suffix;
    case 'utc-millis':
      return isoSeconds(clock) + '.' + String(clock.getUTCMilliseconds()).padStart(3, '0') + suffix;
    default:
      return isoSeconds(clock) + trimmedFraction(clock) + suffix;
  }
}

/** en-US general format (`5/20/2024 4:23:26 AM`) on the zone's clock, as `DateTime.ToString("G")`. */
export function formatUsGeneral(date: Date, timeZone: string): string {
  const shifted = new Date(date.getTime() + zoneOffsetMs(date.getTime(), timeZone));
  const hour = shifted.getUTCHours();
  return (
    `${shifted.getUTCMonth() + 1}/${shifted.getUTCDate()}/${shifted.getUTCFullYear()} ` +
    `${hour % 12 === 0 ? 12 : hour % 12}:${pad2(shifted.getUTCMinutes())}:${pad2(shifted.getUTCSeconds())} ` +
    (hour < 12 ? 'AM' : 'PM')
  );
}

/** .NET ticks (100 ns since 0001-01-01) at the Unix epoch, and `DateTime.MaxValue.Ticks`. */
export const TICKS_AT_UNIX_EPOCH = 621355968000000000n;
export const MAX_DATE_TIME_TICKS = 3155378975999999999n;

/** A UTC instant in .NET ticks as a Date, the sub-millisecond ticks kept on it. */
export function dateFromUtcTicks(ticks: bigint): Date {
  const sinceEpoch = ticks - TICKS_AT_UNIX_EPOCH;
  let ms = sinceEpoch / 10_000n;
  if (ms * 10_000n > sinceEpoch) ms -= 1n; // floor, also before 1970
  const result = new Date(Number(ms)) as DateWithTicks;
  const extra = Number(sinceEpoch - ms * 10_000n);
  if (extra !== 0) result[SUB_MILLISECOND_TICKS] = extra;
  return result;
}

/** The Date's instant in .NET ticks (sub-millisecond ticks included). */
export function utcTicksOf(date: Date): bigint {
  return BigInt(date.getTime()) * 10_000n + TICKS_AT_UNIX_EPOCH + BigInt(subMillisecondTicks(date));
}

function wallTicks(w: WallClock, fractionTicks: number): bigint | null {
  if (w.year < 1 || w.month < 1 || w.month > 12 || w.day < 1) return null;
  if (w.hour > 23 || w.minute > 59 || w.second > 59) return null;
  const ms = utcFromWallClock(w);
  if (new Date(ms).getUTCDate() !== w.day) return null; // e.g. February 30th
  return BigInt(ms) * 10_000n + TICKS_AT_UNIX_EPOCH + BigInt(fractionTicks);
}

/** Up to seven digits as ticks, more rounded to seven (as .NET's parsers do). */
function fractionTicks(digits: string | undefined): number {
  if (!digits) return 0;
  if (digits.length <= 7) return Number(digits.padEnd(7, '0'));
  return Math.round(Number(`0.${digits}`) * 1e7);
}

const offsetTicks = (sign: string, hours: number, minutes: number) =>
  BigInt((sign === '-' ? -1 : 1) * (hours * 60 + minutes)) * 600_000_000n;

export type NewtonsoftDate =
  | { utcTicks: bigint }
  /** The text looked like a date but cannot be one: the reader throws this. */
  | { error: string };

const MICROSOFT_DATE = /^\/Date\((.*)\)\/$/s;
const NET_INTEGER = /^\s*[+-]?\d+\s*$/;

/**
 * Newtonsoft 6's `DateTimeUtils.TryParseDateTime`, as its reader applies it to
 * every string it reads as a date: `/Date(ms±hhmm)/` (the offset only picks
 * the kind; the instant is `ms`), and `yyyy-MM-ddTHH:mm:ss[.fffffff][Z|±HH[[:]mm]]`
 * of 19 to 40 characters. Anything else is not a date to it (undefined).
 */
export function parseNewtonsoftDate(text: string): NewtonsoftDate | undefined {
  if (text.startsWith('/')) {
    const match = MICROSOFT_DATE.exec(text);
    if (!match) return undefined;
    let value = match[1];
    let sign = value.indexOf('+', 1);
    if (sign === -1) sign = value.indexOf('-', 1);
    if (sign !== -1) {
      const offset = value.slice(sign);
      if (!/^[+-]\d\d(\d\d)?/.test(offset))
        return { error: 'Input string was not in a correct format.' };
      value = value.slice(0, sign);
    }
    // long.TryParse: more than 19 digits never is a long (and never reaches BigInt)
    if (!NET_INTEGER.test(value) || value.trim().replace(/^[+-]/, '').length > 19) return undefined;
    const ticks = BigInt(value.trim()) * 10_000n + TICKS_AT_UNIX_EPOCH;
    if (ticks < 0n || ticks > MAX_DATE_TIME_TICKS)
      return {
        error:
          'Ticks must be between DateTime.MinValue.Ticks and DateTime.MaxValue.Ticks.\nParameter name: ticks',
      };
    return { utcTicks: ticks };
  }
  if (text.length < 19 || text.length > 40 || !/\d/.test(text[0]) || text[10] !== 'T')
    return undefined;
  const match = NEWTONSOFT_ISO.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone, sign, zh, zm] = match;
  const local = wallTicks(
    { year: +y, month: +mo, day: +d, hour: +h, minute: +mi, second: +s },
    fractionTicks(fraction),
  );
  if (local === null) return undefined;
  if (zone === undefined || /z/i.test(zone)) return { utcTicks: local };
  return { utcTicks: local - offsetTicks(sign, +zh, zm === undefined ? 0 : +zm) };
}

const NEWTONSOFT_ISO =
  /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,7}))?((?:[zZ])|([+-])(\d\d)(?::?(\d\d))?)?$/;

const MAX_DATE_TEXT = 64;

const MONTH_NAMES = [
  'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec',
]; // prettier-ignore

const TIME = String.raw`(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d+))?)?(?:\s*([AaPp][Mm]))?`;
const ZONE = String.raw`(?:\s*(?:([Zz]|GMT|UTC)|([+-])(\d{1,2})(?::?(\d\d))?))?`;
const TEXT_DATE_FORMS: { pattern: RegExp; fields: (m: string[]) => [number, number, number] }[] = [
  // 2026-01-13T05:55:51, 2026-01-13 05:55, 2026-01-13t05:55:51z
  {
    pattern: new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt\s]\s*${TIME})?${ZONE}$`),
    fields: (m) => [+m[1], +m[2], +m[3]],
  },
  // 1/13/2026 5:55:51 AM (the invariant culture is en-US-like: month first)
  {
    pattern: new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+${TIME})?${ZONE}$`),
    fields: (m) => [+m[3], +m[1], +m[2]],
  },
  // Tue, 13 Jan 2026 11:55:51 GMT; 13 January 2026 10:00
  {
    pattern: new RegExp(
      String.raw`^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\s+(\d{4})(?:\s+${TIME})?${ZONE}$`,
    ),
    fields: (m) => [+m[3], monthNumber(m[2]), +m[1]],
  },
  // Jan 13, 2026
  {
    pattern: new RegExp(
      String.raw`^(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3,9})\s+(\d{1,2}),?\s+(\d{4})(?:\s+${TIME})?${ZONE}$`,
    ),
    fields: (m) => [+m[3], monthNumber(m[1]), +m[2]],
  },
];

function monthNumber(name: string): number {
  const lower = name.toLowerCase();
  const index = MONTH_NAMES.findIndex((m) => lower.startsWith(m));
  return index === -1 ? 0 : index + 1;
}

/**
 * `DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)`
 * for the shapes clients send (ISO with a space or lower-case `t`/`z`, any
 * fraction length, `M/d/yyyy h:mm:ss tt`, RFC 1123, month names): the UTC
 * instant in ticks (no zone means UTC, SPEC 4.4), or null.
 */
export function parseDotNetDateText(text: string): bigint | null {
  // No date text is longer; a long one must not meet the patterns' adjacent \s* (quadratic)
  if (text.length > MAX_DATE_TEXT) return null;
  const trimmed = text.trim();
  for (const form of TEXT_DATE_FORMS) {
    const m = form.pattern.exec(trimmed);
    if (!m) continue;
    const [year, month, day] = form.fields(m);
    // TIME's five groups and ZONE's four close every pattern
    const [h, mi, s, fraction, meridiem, utc, sign, zh, zm] = m.slice(m.length - 9);
    let hour = h === undefined ? 0 : +h;
    if (meridiem !== undefined) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (/p/i.test(meridiem) ? 12 : 0);
    }
    const local = wallTicks(
      {
        year,
        month,
        day,
        hour,
        minute: mi === undefined ? 0 : +mi,
        second: s === undefined ? 0 : +s,
      },
      fractionTicks(fraction),
    );
    if (local === null) return null;
    if (sign === undefined || utc !== undefined) return local;
    if (+zh > 14) return null;
    return local - offsetTicks(sign, +zh, zm === undefined ? 0 : +zm);
  }
  return null;
}

/** Reads any style above (up to seven fraction digits; no offset means UTC); null when malformed. */
export function parseDate(text: string): Date | null {
  const match = DATE_PATTERN.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = match;
  const wall = { year: +y, month: +mo, day: +d, hour: +h, minute: +mi, second: +s };
  const local = wallTicks(wall, fractionTicks(fraction));
  if (local === null) return null;
  if (zone === 'Z') return dateFromUtcTicks(local);
  const digits = zone.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  if (Number(digits.slice(3, 5)) > 59 || minutes > 14 * 60) return null;
  return dateFromUtcTicks(local - offsetTicks(zone[0], 0, minutes));
}

const DATE_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
