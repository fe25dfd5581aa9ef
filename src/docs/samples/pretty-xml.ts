/** One piece of the writer's output: a tag (`<...>`) or the text between tags. */
interface Token {
  kind: 'open' | 'close' | 'empty' | 'text';
  text: string;
}

function tokenize(xml: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < xml.length) {
    if (xml[i] === '<') {
      const end = xml.indexOf('>', i) + 1;
      const text = xml.slice(i, end);
      const kind = text.startsWith('</') ? 'close' : text.endsWith('/>') ? 'empty' : 'open';
      tokens.push({ kind, text });
      i = end;
    } else {
      const end = xml.indexOf('<', i);
      const stop = end === -1 ? xml.length : end;
      tokens.push({ kind: 'text', text: xml.slice(i, stop) });
      i = stop;
    }
  }
  return tokens;
}

/**
 * Indents DataContract XML as `XDocument.ToString()` does (what the ASP.NET
 * Help Page shows): one element per line, two spaces per level, an element
 * holding only text (or nothing, `<X></X>`) on one line. Tags and text are
 * copied verbatim from the wire writer; only line breaks and indentation are added.
 */
export function prettyXml(compact: string): string {
  const tokens = tokenize(compact);
  const lines: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const indent = '  '.repeat(depth);
    if (token.kind === 'open') {
      const next = tokens[i + 1];
      const after = tokens[i + 2];
      if (next?.kind === 'close') {
        lines.push(indent + token.text + next.text);
        i += 1;
      } else if (next?.kind === 'text' && after?.kind === 'close') {
        lines.push(indent + token.text + next.text + after.text);
        i += 2;
      } else {
        lines.push(indent + token.text);
        depth++;
      }
    } else if (token.kind === 'close') {
      depth--;
      lines.push('  '.repeat(depth) + token.text);
    } else {
      lines.push(indent + token.text);
    }
  }
  return lines.join('\n');
}
