import { usernameKey } from './username-key';

describe('usernameKey', () => {
  it.each([
    ['E\u0301mile', 'Émile'],
    ['straſse', 'STRASSE'],
    ['straße', 'Strasse'],
    ['Ｂｏｂ', 'bob'],
    ['\u212Aelvin', 'kelvin'],
    ['ﬁona', 'FIONA'],
    ['so\u00ADphie', 'sophie'],
    ['ΟΔΥΣΣΕΥΣ', 'οδυσσευσ'],
    ['ǰ', 'J\u030C'],
  ])('%j and %j share one key', (a, b) => {
    expect(usernameKey(a)).toBe(usernameKey(b));
  });

  it.each([
    ['alice', 'alicia'],
    ['Émile', 'Emile'],
    ['ana', 'аna'], // Cyrillic а: a different letter, not a compatibility form
  ])('%j and %j stay distinct', (a, b) => {
    expect(usernameKey(a)).not.toBe(usernameKey(b));
  });

  it('is idempotent', () => {
    for (const name of ['E\u0301mile', 'straße', 'İstanbul', 'ǰ', 'Ｂｏｂ']) {
      const key = usernameKey(name)!;
      expect(usernameKey(key)).toBe(key);
    }
  });

  it('is null for text that cannot be stored, so a lookup finds nobody', () => {
    expect(usernameKey('bob\u0000')).toBeNull();
    expect(usernameKey('bob\uD800')).toBeNull();
    expect(usernameKey('\uDC00bob')).toBeNull();
    expect(usernameKey('emoji\uD83D\uDE00')).toBe('emoji\uD83D\uDE00');
  });
});
