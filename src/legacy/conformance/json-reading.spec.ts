import '@/legacy/contracts';
import { contractRegistry } from '@/wire/datacontract/registry';
import {
  bodyBytes,
  boundShape,
  expectedShape,
  loadJsonReadingCases,
  modelStateKey,
  outcomeOf,
  PARAMETER_NAMES,
  ReadingCase,
} from '@test/support/wire/json-reading-fixtures';
import { WireCodec } from '@/wire/wire-codec';

const codec = new WireCodec(contractRegistry);

/**
 * After an exception from inside its reader (a number or date it cannot read,
 * a broken string), Newtonsoft's reader is left in an error state and the
 * serializer logs a second error (`Unexpected end when deserializing object.`,
 * or the same message twice); we log the first only. Every other refusal has
 * exactly Newtonsoft's ModelState entries, in order.
 */
const FIRST_ERROR_ONLY = new Set([
  'syntax/unterminated-string',
  'syntax/bad-escape',
  'syntax/literal-typo',
  'syntax/literal-capital',
  'numbers/float-whole',
  'numbers/float',
  'numbers/exponent',
  'numbers/int-overflow',
  'numbers/int-huge',
  'numbers/float-for-nullable-int',
  'numbers/state-id-float',
  'dates/creation-7',
  'dates/last-login-7',
  'dates/birthdate-7',
]);

/** Cases where the outcome itself deliberately differs from Web API 2 (README: deviations). */
const LOCAL_CLAMP =
  "Web API clamps a Local DateTime whose wall clock in the server's zone falls before 0001-01-01 " +
  'to DateTime.MinValue there (a zone-dependent instant); we keep the instant (clamped to the UTC range)';
const DEVIATIONS: Record<string, string> = Object.fromEntries(
  ['creation', 'last-login', 'birthdate'].flatMap((member) =>
    [38, 39].map((n) => [`dates/${member}-${n}`, LOCAL_CLAMP]),
  ),
);

function read(c: ReadingCase) {
  const charset = /charset=("?)([^";]+)\1/i.exec(c.contentType)?.[2] ?? null;
  const plan = contractRegistry.plan(contractRegistry.classByName(c.contract)!);
  return outcomeOf(() =>
    codec.decode(plan, 'json', bodyBytes(c), {
      parameterName: PARAMETER_NAMES[c.contract],
      charset,
      maxInflatedBytes: 1 << 20,
    }),
  );
}

const cases = loadJsonReadingCases().map((c) => [`${c.timeZone} ${c.id}`, c] as const);

describe('JSON request bodies bind as Web API 2 bound them (Newtonsoft.Json 6 fixtures)', () => {
  it('has fixtures in every area', () => {
    const areas = new Set(cases.map(([, c]) => c.area));
    expect([...areas].sort()).toEqual([
      'dates',
      'encoding',
      'numbers',
      'scalars',
      'serialized-dcjs',
      'serialized-newtonsoft',
      'serialized-newtonsoft-msdate',
      'syntax',
    ]);
  });

  it.each(cases)('%s', (_name, c) => {
    const outcome = read(c);
    expect(outcome.accepted).toBe(c.accepted);
    if (c.accepted) {
      if (!DEVIATIONS[c.id]) expect(boundShape(outcome.value)).toEqual(expectedShape(c.value));
      return;
    }
    const expected = c.errors.map((e) => ({ key: modelStateKey(c, e), message: e.message }));
    if (FIRST_ERROR_ONLY.has(c.id)) expect(outcome.errors[0]).toEqual(expected[0]);
    else expect(outcome.errors).toEqual(expected);
  });
});
