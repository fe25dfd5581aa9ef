import {
  compilePattern,
  formatJsonPath,
  formatXmlPath,
  matches,
  memberName,
  Path,
  PathPatternError,
} from './paths';

const json: Path = [
  { type: 'member', name: 'appData' },
  { type: 'index', index: 0 },
  { type: 'member', name: 'n' },
];
const xml: Path = [
  { type: 'element', name: 'UserSessionDTO', index: 1, repeated: false },
  { type: 'element', name: 'AppData', index: 1, repeated: false },
  { type: 'element', name: 'Property', index: 2, repeated: true },
  { type: 'element', name: 'Name', index: 1, repeated: false },
];

describe('paths', () => {
  it('print in the body’s own terms', () => {
    expect(formatJsonPath(json)).toBe('$.appData[0].n');
    expect(formatJsonPath([{ type: 'member', name: 'odd key' }])).toBe('$["odd key"]');
    expect(formatJsonPath([])).toBe('$');
    expect(formatXmlPath(xml)).toBe('/UserSessionDTO/AppData/Property[2]/Name');
    expect(formatXmlPath([...xml.slice(0, 1), { type: 'attribute', name: 'nil' }])).toBe(
      '/UserSessionDTO/@nil',
    );
    expect(memberName(json)).toBe('n');
    expect(
      memberName([
        { type: 'member', name: 'ids' },
        { type: 'index', index: 3 },
      ]),
    ).toBe('ids');
  });

  it.each([
    ['$.appData[0].n', true],
    ['$.appData[*].n', true],
    ['$.appData[1].n', false],
    ['$..n', true],
    ['$.*[0].n', true],
    ["$['appData'][0]['n']", true],
    ['$.appData', false],
    ['/UserSessionDTO/AppData/Property/Name', false],
  ])('JSON pattern %s matches $.appData[0].n: %s', (source, expected) => {
    expect(matches(compilePattern(source), 'json', json)).toBe(expected);
  });

  it.each([
    ['/UserSessionDTO/AppData/Property/Name', true],
    ['/UserSessionDTO/AppData/Property[2]/Name', true],
    ['/UserSessionDTO/AppData/Property[1]/Name', false],
    ['//Name', true],
    ['//Property/Name', true],
    ['/UserSessionDTO/*/*/Name', true],
    ['/UserSessionDTO//Name', true],
    ['/Name', false],
    ['$..Name', false],
  ])('XML pattern %s matches the second Property’s Name: %s', (source, expected) => {
    expect(matches(compilePattern(source), 'xml', xml)).toBe(expected);
  });

  it('attribute patterns match attributes only', () => {
    const nil: Path = [...xml, { type: 'attribute', name: 'nil' }];
    expect(matches(compilePattern('//Name/@nil'), 'xml', nil)).toBe(true);
    expect(matches(compilePattern('//Name/nil'), 'xml', nil)).toBe(false);
    expect(matches(compilePattern('//Name/*'), 'xml', nil)).toBe(false);
  });

  it.each(['userToken', '$.a[', '$.a b', '/a/', '/a[x]', '/@a[1]'])('refuses %s', (source) => {
    expect(() => compilePattern(source)).toThrow(PathPatternError);
  });
});
