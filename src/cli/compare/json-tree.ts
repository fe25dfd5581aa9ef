/**
 * JSON read as written: members in document order (JSON.parse moves
 * integer-like keys first and keeps one of two duplicates), numbers as their
 * text (`1.0` and `1`, or ids beyond 2^53, are different answers to a .NET
 * client). Strict RFC 8259; anything else is not JSON and is compared as bytes.
 */
export type JsonNode =
  | { type: 'object'; members: [string, JsonNode][] }
  | { type: 'array'; items: JsonNode[] }
  | { type: 'string'; value: string }
  | { type: 'number'; text: string }
  | { type: 'literal'; text: 'true' | 'false' | 'null' };

/** Deeper than any contract; a guard against a hostile body blowing the stack. */
const MAX_DEPTH = 512;

export class JsonSyntaxError extends Error {}

export function parseJsonTree(text: string): JsonNode {
  let at = 0;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`${what} at offset ${at}`);
  };
  const skipSpace = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) at++;
  };
  // Scanned, not matched by one pattern: a multi-megabyte string would exhaust the regexp backtrack stack.
  const readString = (): string => {
    let end = at + 1;
    while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
    if (end >= text.length) fail('unterminated string');
    try {
      // JSON.parse checks the escapes and refuses raw control characters.
      const value = JSON.parse(text.slice(at, end + 1)) as string;
      at = end + 1;
      return value;
    } catch {
      return fail('bad string');
    }
  };
  const readValue = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) fail('nested too deeply');
    skipSpace();
    const char = text[at];
    if (char === '{') {
      at++;
      const members: [string, JsonNode][] = [];
      skipSpace();
      if (text[at] === '}') {
        at++;
        return { type: 'object', members };
      }
      for (;;) {
        skipSpace();
        if (text[at] !== '"') fail('expected a member name');
        const name = readString();
        skipSpace();
        if (text[at] !== ':') fail('expected :');
        at++;
        members.push([name, readValue(depth + 1)]);
        skipSpace();
        if (text[at] === ',') at++;
        else if (text[at] === '}') {
          at++;
          return { type: 'object', members };
        } else fail('expected , or }');
      }
    }
    if (char === '[') {
      at++;
      const items: JsonNode[] = [];
      skipSpace();
      if (text[at] === ']') {
        at++;
        return { type: 'array', items };
      }
      for (;;) {
        items.push(readValue(depth + 1));
        skipSpace();
        if (text[at] === ',') at++;
        else if (text[at] === ']') {
          at++;
          return { type: 'array', items };
        } else fail('expected , or ]');
      }
    }
    if (char === '"') return { type: 'string', value: readString() };
    const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    number.lastIndex = at;
    const found = number.exec(text);
    if (found) {
      at = number.lastIndex;
      return { type: 'number', text: found[0] };
    }
    for (const literal of ['true', 'false', 'null'] as const)
      if (text.startsWith(literal, at)) {
        at += literal.length;
        return { type: 'literal', text: literal };
      }
    return fail('unexpected character');
  };
  const value = readValue(0);
  skipSpace();
  if (at !== text.length) fail('trailing characters');
  return value;
}
