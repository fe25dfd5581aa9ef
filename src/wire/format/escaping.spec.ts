import { jsonString } from './json-writer';
import { encodeLocalName, xmlText } from './xml-escape';

describe('JSON string escaping (Newtonsoft defaults)', () => {
  it.each([
    ['plain', '"plain"'],
    ['quote " and \\ backslash', '"quote \\" and \\\\ backslash"'],
    ['\b\t\n\f\r', '"\\b\\t\\n\\f\\r"'],
    ['\u0000\u0001\u001f', '"\\u0000\\u0001\\u001f"'],
    ['\u0085\u2028\u2029', '"\\u0085\\u2028\\u2029"'],
    ["<>&' stay raw", '"<>&\' stay raw"'],
    ['emoji 😀 ü 日本 \u007f', '"emoji 😀 ü 日本 \u007f"'],
  ])('%j → %s', (input, expected) => {
    expect(jsonString(input)).toBe(expected);
  });
});

describe('XML text escaping (DataContractSerializer through XmlWriter)', () => {
  it.each([
    ['plain " \' text', 'plain " \' text'],
    ['a & b < c > d', 'a &amp; b &lt; c &gt; d'],
    ['line1\nline2\r\nline3\rline4', 'line1\r\nline2\r\nline3\r\nline4'],
    ['tab\tstays', 'tab\tstays'],
    ['\u0001\u001f\u000b', '&#x1;&#x1F;&#xB;'],
    ['pair 😀 stays', 'pair 😀 stays'],
    ['lone \ud800 surrogate', 'lone &#xD800; surrogate'],
  ])('%j → %j', (input, expected) => {
    expect(xmlText(input)).toBe(expected);
  });

  it('encodes names that are not XML names, as XmlConvert.EncodeLocalName', () => {
    expect(encodeLocalName('usuario.Username')).toBe('usuario.Username');
    expect(encodeLocalName('a[0]')).toBe('a_x005B_0_x005D_');
    expect(encodeLocalName('1st')).toBe('_x0031_st');
  });
});
