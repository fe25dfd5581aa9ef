import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DomainError } from '@/platform/errors/domain-error';
import { contractRegistry } from '@/wire/datacontract/registry';
import { utcTicksOf } from '@/wire/format/date-format';
import { InvalidBody } from '@/wire/wire-errors';

/**
 * The JSON-reading fixtures: request bodies and what Web API 2 (Newtonsoft.Json 6
 * through JsonMediaTypeFormatter) made of them, decided on Mono by
 * test/dotnet/generators/json-reading (never by this code).
 */
export const JSON_READING_DIR = resolve(__dirname, '../../..', 'test/dotnet/fixtures/json-reading');

export interface ReadingError {
  path: string;
  message: string;
  exception: string;
}

export interface ReadingCase {
  area: string;
  id: string;
  contract: 'UsuarioDto' | 'UserInfo';
  note?: string;
  contentType: string;
  body?: string;
  bodyBase64?: string;
  accepted: boolean;
  errors: ReadingError[];
  value: unknown;
  /** The zone the generator ran in (Local-kind dates carry its offsets). */
  timeZone: string;
}

export function loadJsonReadingCases(): ReadingCase[] {
  return readdirSync(JSON_READING_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      const fixture = JSON.parse(readFileSync(join(JSON_READING_DIR, file), 'utf8')) as {
        timeZone: string;
        cases: Omit<ReadingCase, 'timeZone'>[];
      };
      return fixture.cases.map((c) => ({ ...c, timeZone: fixture.timeZone }));
    });
}

export function bodyBytes(c: ReadingCase): Buffer {
  return c.body !== undefined ? Buffer.from(c.body, 'utf8') : Buffer.from(c.bodyBase64!, 'base64');
}

/** The Web API parameter name of each legacy request contract (ModelState prefix). */
export const PARAMETER_NAMES = { UsuarioDto: 'usuario', UserInfo: 'userInfo' } as const;

/** The ModelState key Web API's FormatterLogger gives a Newtonsoft error path. */
export function modelStateKey(c: ReadingCase, error: ReadingError): string {
  const prefix = PARAMETER_NAMES[c.contract];
  return error.path === '' ? prefix : `${prefix}.${error.path}`;
}

/**
 * A bound instance in the fixtures' shape (CLR property names; dates as their
 * UTC ticks, as Unspecified dates are UTC here, SPEC 4.4), to compare with the
 * fixture's value reduced by `expectedShape`.
 */
export function boundShape(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return { utcTicks: String(utcTicksOf(value)) };
  if (Array.isArray(value)) return value.map(boundShape);
  if (typeof value === 'object') {
    const plan = contractRegistry.planOfValue(value);
    const out: Record<string, unknown> = {};
    for (const member of plan?.allMembers ?? []) {
      if (member.readOnly) continue;
      out[member.property] = boundShape((value as Record<string, unknown>)[member.property]);
    }
    return out;
  }
  return value;
}

export function expectedShape(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(expectedShape);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('utcTicks' in record && 'kind' in record) return { utcTicks: record.utcTicks };
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, expectedShape(v)]));
  }
  return value;
}

export interface ReadOutcome {
  accepted: boolean;
  value: unknown;
  /** ModelState entries in the order they were recorded. */
  errors: { key: string; message: string }[];
}

export function outcomeOf(read: () => unknown): ReadOutcome {
  try {
    return { accepted: true, value: read(), errors: [] };
  } catch (error) {
    if (!(error instanceof DomainError) || error.status !== 400) throw error;
    // The serializer's own texts: what a local caller sees (IncludeErrorDetailPolicy.LocalOnly).
    const modelState = error instanceof InvalidBody ? error.detailedModelState : error.modelState;
    const errors = Object.entries(modelState ?? {}).flatMap(([key, messages]) =>
      messages.map((message) => ({ key, message })),
    );
    return { accepted: false, value: null, errors };
  }
}
