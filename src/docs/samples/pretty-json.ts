/**
 * Re-indents compact JSON as Newtonsoft's `Formatting.Indented` does (what the
 * ASP.NET Help Page shows): two spaces, `"name": value`, empty `[]` and `{}`
 * kept on one line. Only whitespace between tokens changes; strings, numbers
 * and escapes are left exactly as the wire writer produced them.
 */
export function prettyJson(compact: string): string {
  let out = '';
  let depth = 0;
  const newline = () => '\n' + '  '.repeat(depth);
  for (let i = 0; i < compact.length; i++) {
    const char = compact[i];
    if (char === '"') {
      const end = stringEnd(compact, i);
      out += compact.slice(i, end);
      i = end - 1;
      continue;
    }
    switch (char) {
      case '{':
      case '[': {
        const close = char === '{' ? '}' : ']';
        if (compact[i + 1] === close) {
          out += char + close;
          i++;
        } else {
          depth++;
          out += char + newline();
        }
        break;
      }
      case '}':
      case ']':
        depth--;
        out += newline() + char;
        break;
      case ',':
        out += ',' + newline();
        break;
      case ':':
        out += ': ';
        break;
      default:
        out += char;
    }
  }
  return out;
}

/** Index just past the string literal starting at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}
