import { escapeUnstorable, isStorableText, unstorablePaths } from './storable-text';

describe('storable text', () => {
  it('refuses U+0000 and unpaired surrogates, keeps paired ones', () => {
    expect(isStorableText('bob')).toBe(true);
    expect(isStorableText('\uD83D\uDE00 ok')).toBe(true);
    expect(isStorableText('bob\u0000')).toBe(false);
    expect(isStorableText('bob\uD800')).toBe(false);
    expect(isStorableText('\uD800x')).toBe(false);
    expect(isStorableText('x\uDC00')).toBe(false);
    expect(isStorableText('\uDC00\uD800')).toBe(false);
  });

  it('escapes each unstorable code unit as \\uXXXX and nothing else', () => {
    expect(escapeUnstorable('bob\u0000\uD800\uD83D\uDE00')).toBe('bob\\u0000\\uD800\uD83D\uDE00');
    expect(isStorableText(escapeUnstorable('\uDC00\u0000\uDBFF'))).toBe(true);
  });

  it('finds unstorable strings deep inside objects and arrays', () => {
    expect(
      unstorablePaths({
        Email: 'a\u0000@b',
        ViewInfo: { Id: 'ok', Name: '\uD800' },
        Ids: ['fine', 'x\u0000'],
        Birthdate: new Date(0),
        Count: 3,
        Nothing: null,
      }),
    ).toEqual(['Email', 'ViewInfo.Name', 'Ids[1]']);
    expect(unstorablePaths({ a: 'fine', b: ['ok'] })).toEqual([]);
  });
});
