/**
 * Text escaping as .NET's XmlWriter does it for DataContractSerializer:
 * `&`, `<`, `>` as entities, characters XML cannot hold as `&#x1;` (upper-case
 * hex), and every line break as `\r\n`. `"` and `'` stay raw in text.
 */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>\r\n\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

const charRef = (code: number) => '&#x' + code.toString(16).toUpperCase() + ';';

export function xmlText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let replacement: string;
    if (code === 38) replacement = '&amp;';
    else if (code === 60) replacement = '&lt;';
    else if (code === 62) replacement = '&gt;';
    else if (code === 13) {
      replacement = '\r\n';
      if (text.charCodeAt(i + 1) === 10) {
        out += text.slice(start, i) + replacement;
        start = i + 2;
        i++;
        continue;
      }
    } else if (code === 10) replacement = '\r\n';
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      i++; // a valid pair stays raw
      continue;
    } else if (code < 0x20 ? code !== 9 : (code >= 0xd800 && code <= 0xdfff) || code >= 0xfffe) {
      replacement = charRef(code);
    } else continue;
    out += text.slice(start, i) + replacement;
    start = i + 1;
  }
  return out + text.slice(start);
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** `XmlConvert.EncodeLocalName`: characters not allowed in a name become `_xHHHH_`. */
export function encodeLocalName(name: string): string {
  if (name === '') return '_';
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    const allowed =
      i === 0 ? /[A-Za-z_\u00c0-\uffef]/.test(ch) : /[A-Za-z0-9_.\-\u00b7\u00c0-\uffef]/.test(ch);
    out += allowed ? ch : '_x' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0') + '_';
  }
  return out;
}
