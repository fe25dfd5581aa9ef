import { JsonSyntaxError, parseJsonTree } from './json-tree';

describe('parseJsonTree', () => {
  it('keeps member order, duplicates and number text that JSON.parse loses', () => {
    expect(parseJsonTree('{"b":1.0,"2":2,"a":1e3,"a":12345678901234567890}')).toEqual({
      type: 'object',
      members: [
        ['b', { type: 'number', text: '1.0' }],
        ['2', { type: 'number', text: '2' }],
        ['a', { type: 'number', text: '1e3' }],
        ['a', { type: 'number', text: '12345678901234567890' }],
      ],
    });
  });

  it('reads strings, escapes, literals and arrays', () => {
    expect(parseJsonTree(' [ "a\\u00e9\\"" , true,false ,null,[],{} ] ')).toEqual({
      type: 'array',
      items: [
        { type: 'string', value: 'aé"' },
        { type: 'literal', text: 'true' },
        { type: 'literal', text: 'false' },
        { type: 'literal', text: 'null' },
        { type: 'array', items: [] },
        { type: 'object', members: [] },
      ],
    });
  });

  it.each([
    ['trailing text', '{} x'],
    ['a raw control character', '"a\u0000b"'],
    ['an unterminated string', '"abc'],
    ['a bad escape', '"\\x"'],
    ['a leading zero', '01'],
    ['a trailing comma', '[1,]'],
    ['single quotes', "{'a':1}"],
    ['nothing', ''],
    ['hostile nesting', '['.repeat(100_000) + ']'.repeat(100_000)],
  ])('refuses %s', (_what, text) => {
    expect(() => parseJsonTree(text)).toThrow(JsonSyntaxError);
  });

  it('reads a multi-megabyte string without running out of stack', () => {
    const big = 'x\\"'.repeat(2_000_000);
    const node = parseJsonTree(`"${big}"`);
    expect(node.type === 'string' && node.value.length).toBe(4_000_000);
  });
});
