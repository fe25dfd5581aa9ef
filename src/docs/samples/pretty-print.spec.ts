import { prettyJson } from './pretty-json';
import { prettyXml } from './pretty-xml';

describe('prettyJson', () => {
  it('indents as Newtonsoft Formatting.Indented, leaving strings alone', () => {
    expect(prettyJson('{"a":[1,2],"b":{},"c":[],"d":"x,{\\"y\\":[1]}"}')).toBe(
      '{\n  "a": [\n    1,\n    2\n  ],\n  "b": {},\n  "c": [],\n  "d": "x,{\\"y\\":[1]}"\n}',
    );
  });
});

describe('prettyXml', () => {
  it('indents as XDocument.ToString, text-only and empty elements on one line', () => {
    expect(
      prettyXml('<R xmlns="n"><A>1 &lt; 2</A><B></B><C i:nil="true" /><D><E>x</E></D></R>'),
    ).toBe(
      '<R xmlns="n">\n  <A>1 &lt; 2</A>\n  <B></B>\n  <C i:nil="true" />\n  <D>\n    <E>x</E>\n  </D>\n</R>',
    );
  });
});
