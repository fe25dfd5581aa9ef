import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { subMillisecondTicks } from '@/wire/format/date-format';

/** Fixtures written by the C# generators under test/dotnet/generators (outcomes decided by real .NET code). */
export const DOTNET_FIXTURES_DIR = resolve(__dirname, '../../..', 'test/dotnet/fixtures');

/** Every fixture file of one area (`xml-reading`, `negotiation`, ...), parsed, in name order. */
export function loadDotnetFixtures<T>(area: string): Array<{ file: string; fixture: T }> {
  const dir = join(DOTNET_FIXTURES_DIR, area);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, fixture: JSON.parse(readFileSync(join(dir, file), 'utf8')) as T }));
}

/**
 * A bound value in the generators' canonical form: dates as the UTC instant
 * with 7 fraction digits, contracts as plain objects of the fixture's keys.
 */
export function canonicalValue(value: unknown, expected: unknown): unknown {
  if (value instanceof Date) {
    const iso = value.toISOString(); // yyyy-MM-ddTHH:mm:ss.fffZ (years 0001-9999)
    const ticks = String(subMillisecondTicks(value)).padStart(4, '0');
    return `${iso.slice(0, 23)}${ticks}Z`;
  }
  if (Array.isArray(value))
    return value.map((item, i) => canonicalValue(item, (expected as unknown[] | null)?.[i]));
  if (
    value !== null &&
    typeof value === 'object' &&
    expected !== null &&
    typeof expected === 'object'
  ) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(expected))
      out[key] = canonicalValue(
        (value as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
      );
    return out;
  }
  return value;
}
