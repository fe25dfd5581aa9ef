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

/** test/dotnet/fixtures/xml-reading: bodies and outcomes decided by DataContractSerializer on Mono. */
export interface XmlReadingFixture {
  contract: 'UsuarioDto' | 'UserInfo';
  parameter: string;
  timeZone: string;
  cases: Array<{
    name: string;
    body: string;
    outcome: 'bound' | 'error';
    values?: Record<string, unknown>;
    exception?: string;
    message?: string;
  }>;
}

/** test/dotnet/fixtures/negotiation: System.Net.Http's parse and DefaultContentNegotiator's choice, on Mono. */
export interface NegotiationFixture {
  cases: NegotiationCase[];
}

export interface NegotiationCase {
  name: string;
  accept: string | null;
  acceptCharset: string | null;
  contentType: string | null;
  xRequestedWith: string | null;
  /** null: header absent; []: absent in effect (empty, or dropped as unparsable). */
  acceptParsed: string[] | null;
  acceptCharsetParsed: string[] | null;
  contentTypeParsed: string | null;
  mediaType: string;
  charset: string | null;
}

/** The raw `q` parameter of a parsed header value as System.Net.Http prints it. */
export const qOf = (text: string) => /;\s*q=([^;]*)/i.exec(text)?.[1];

/**
 * Where Mono's copy of Web API (a pre-release Web API 1 DefaultContentNegotiator)
 * and Web API 2 choose alike: Web API 2 never matches a q=0 value and, among
 * several Accept values, ranks a literal match over a range match at equal q;
 * Mono's copy does neither. Those cases are held to the Web API 2 table in
 * negotiation.spec.ts instead; the differential tests still check their parse.
 */
export function sameInWebApi1And2(c: NegotiationCase): boolean {
  const zero = (list: string[] | null) =>
    (list ?? []).some((v) => qOf(v) !== undefined && Number(qOf(v)) === 0);
  return (
    (c.acceptParsed ?? []).length <= 1 && !zero(c.acceptParsed) && !zero(c.acceptCharsetParsed)
  );
}
