import {
  loadDotnetFixtures,
  NegotiationCase,
  NegotiationFixture,
  qOf,
  sameInWebApi1And2,
} from '@test/support/wire/dotnet-fixtures';
import { parseAccept, parseMediaType, parseWeightedTokens } from './media-type';
import { negotiate } from './negotiation';

const cases = loadDotnetFixtures<NegotiationFixture>('negotiation').flatMap((f) => f.fixture.cases);
const named = (list: NegotiationCase[]) => list.map((c) => [c.name, c] as const);

const valueOf = (text: string) => text.split(';')[0].trim().toLowerCase();

describe('negotiation agrees with System.Net.Http and Web API (differential)', () => {
  it.each(named(cases))('parses Accept as System.Net.Http does: %s', (_name, c) => {
    const ours = parseAccept(c.accept ?? undefined);
    if (c.acceptParsed === null) return expect(ours).toBeNull();
    expect((ours ?? []).map((r) => `${r.type}/${r.subtype}`)).toEqual(c.acceptParsed.map(valueOf));
    expect((ours ?? []).map((r) => r.parameters.q)).toEqual(c.acceptParsed.map(qOf));
  });

  it.each(named(cases.filter((c) => c.acceptCharset !== null)))(
    'parses Accept-Charset as System.Net.Http does: %s',
    (_name, c) => {
      const ours = parseWeightedTokens(c.acceptCharset!).sort((a, b) => a.index - b.index);
      expect(ours.map((t) => t.value)).toEqual(c.acceptCharsetParsed!.map(valueOf));
      expect(ours.map((t) => t.quality)).toEqual(
        c.acceptCharsetParsed!.map((v) => (qOf(v) === undefined ? 1 : Number(qOf(v)))),
      );
    },
  );

  it.each(named(cases.filter((c) => c.contentType !== null)))(
    'parses Content-Type as System.Net.Http does: %s',
    (_name, c) => {
      const ours = parseMediaType(c.contentType);
      expect(ours === null ? null : ours.mediaType.toLowerCase()).toBe(
        c.contentTypeParsed === null ? null : valueOf(c.contentTypeParsed),
      );
    },
  );

  it.each(named(cases.filter(sameInWebApi1And2)))('negotiates as Web API does: %s', (_name, c) => {
    const ours = negotiate({
      accept: c.accept ?? undefined,
      acceptCharset: c.acceptCharset ?? undefined,
      contentType: c.contentType ?? undefined,
      xRequestedWith: c.xRequestedWith ?? undefined,
    });
    expect([ours.mediaType, ours.charset]).toEqual([c.mediaType, c.charset]);
  });
});
