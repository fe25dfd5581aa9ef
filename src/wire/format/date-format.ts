import { DateStyle } from '@/wire/contracts/wire-types';

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

/** The zone's UTC offset in milliseconds at an instant, DST included. */
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
  return utcFromWallClock(wall) - Math.floor(ms / 1000) * 1000;
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

/** Prints a date as .NET would for the member's style (SPEC 4.4). */
/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function formatDate(date: Date, style: DateStyle, timeZone: string): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
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

const DATE_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Reads any style above (up to seven fraction digits; no offset means UTC); null when malformed. */
export function parseDate(text: string): Date | null {
  const match = DATE_PATTERN.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = match;
  const wall = { year: +y, month: +mo, day: +d, hour: +h, minute: +mi, second: +s };
  if (
    wall.month < 1 ||
    wall.month > 12 ||
    wall.day < 1 ||
    wall.hour > 23 ||
    wall.minute > 59 ||
    wall.second > 59
  )
    return null;
  const utc = utcFromWallClock(wall);
  const check = new Date(utc);
  if (check.getUTCDate() !== wall.day) return null; // e.g. February 30th
  const ticks = Number(fraction.padEnd(7, '0'));
  let offsetMs = 0;
  if (zone !== 'Z') {
    const digits = zone.replace(':', '');
    const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
    if (Number(digits.slice(3, 5)) > 59 || minutes > 14 * 60) return null;
    offsetMs = (zone[0] === '-' ? -1 : 1) * minutes * 60_000;
  }
  const result = new Date(utc - offsetMs + Math.floor(ticks / 10_000)) as DateWithTicks;
  const extra = ticks % 10_000;
  if (extra !== 0) result[SUB_MILLISECOND_TICKS] = extra;
  return result;
}
