import { ContractPlan } from '@/wire/datacontract/registry';
import { ModelStateErrors } from '@/wire/wire-errors';
import { JsonBinder } from './json-binder';
import {
  DEFAULT_MAX_DEPTH,
  JsonDocument,
  JsonLocation,
  JsonMember,
  JsonNode,
  JsonSyntaxError,
  newtonsoftMessage,
  ReadOptions,
} from './json-document';

const PATH_SPECIAL = /[. [\]()]/;

function pathWith(parent: string, part: string | number): string {
  if (typeof part === 'number') return `${parent}[${part}]`;
  const name = PATH_SPECIAL.test(part) ? `['${part}']` : part;
  return parent === '' || name.startsWith('[') ? parent + name : `${parent}.${name}`;
}

class SyntaxStop extends Error {
  constructor(readonly syntax: JsonSyntaxError) {
    super(syntax.message);
  }
}

const NUMBER_CHAR = /[-.0-9a-fA-FxX+]/;
const NUMBER_END = /[\s,}\])/]/;
const IDENTIFIER_CHAR = /[\p{L}\p{Nd}_$]/u;
const ESCAPES: Record<string, string> = {
  b: '\b',
  t: '\t',
  n: '\n',
  f: '\f',
  r: '\r',
  '\\': '\\',
  '"': '"',
  "'": "'",
  '/': '/',
};

/**
 * Newtonsoft.Json 6's `JsonTextReader`, as far as a request body can tell it
 * apart: comments, single-quoted strings and names, unquoted names, trailing
 * commas, hex and octal integers, NaN/Infinity, `undefined`, `new X(...)`
 * constructors, raw control characters inside strings; whatever follows the
 * root value is never read (Web API's deserializer stops there). Errors carry
 * Newtonsoft's own text, path, line and position.
 */
class JsonTextReader {
  private i = 0;
  private line = 1;
  private lineStart = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  read(): JsonDocument {
    let root: JsonNode | null = null;
    try {
      this.skipBlank('');
      if (this.i >= this.text.length) return { root: null, error: null };
      root = this.value('', (node) => (root = node));
      return { root, error: null };
    } catch (error) {
      if (!(error instanceof SyntaxStop)) throw error;
      return { root, error: error.syntax };
    }
  }

  private here(path: string): JsonLocation {
    return { line: this.line, position: this.i - this.lineStart, path };
  }

  private fail(message: string, path: string): never {
    throw new SyntaxStop({ path, message: newtonsoftMessage(message, this.here(path)) });
  }

  private newLine(at: number): void {
    this.line++;
    this.lineStart = at;
  }

  /** Whitespace (`char.IsWhiteSpace`) and comments. */
  private skipBlank(path: string): void {
    const text = this.text;
    while (this.i < text.length) {
      const ch = text[this.i];
      if (ch === '\n') this.newLine(++this.i);
      else if (ch === '\r') {
        this.i += text[this.i + 1] === '\n' ? 2 : 1;
        this.newLine(this.i);
      } else if (/\s/.test(ch)) this.i++;
      else if (ch === '/') this.comment(path);
      else return;
    }
  }

  private comment(path: string): void {
    const text = this.text;
    const kind = text[this.i + 1];
    if (kind === '/') {
      this.i += 2;
      while (this.i < text.length && text[this.i] !== '\r' && text[this.i] !== '\n') this.i++;
      return;
    }
    if (kind !== '*') {
      this.i++;
      this.fail('Unexpected end while parsing comment.', path);
    }
    this.i += 2;
    for (;;) {
      if (this.i >= text.length) this.fail('Unexpected end while parsing comment.', path);
      const ch = text[this.i];
      if (ch === '*' && text[this.i + 1] === '/') {
        this.i += 2;
        return;
      }
      this.i++;
      if (ch === '\n') this.newLine(this.i);
      else if (ch === '\r' && text[this.i] !== '\n') this.newLine(this.i);
    }
  }

  /** One value starting at the current (non-blank) character. */
  private value(path: string, attach?: (node: JsonNode) => void): JsonNode {
    const text = this.text;
    const ch = text[this.i];
    switch (ch) {
      case '"':
      case "'":
        return { token: 'String', value: this.string(ch, path), ...this.here(path) };
      case '{':
        return this.object(path, attach);
      case '[':
        return this.array(path, attach);
      case 't':
        return this.literal('true', 'boolean', path, { token: 'Boolean', value: true });
      case 'f':
        return this.literal('false', 'boolean', path, { token: 'Boolean', value: false });
      case 'u':
        return this.literal('undefined', 'undefined', path, { token: 'Undefined' });
      case 'N':
        return this.literal('NaN', 'NaN', path, { token: 'Float', value: NaN, text: 'NaN' });
      case 'I':
        return this.literal('Infinity', 'Infinity', path, {
          token: 'Float',
          value: Infinity,
          text: 'Infinity',
        });
      case 'n':
        if (text.startsWith('new', this.i) && !text.startsWith('null', this.i))
          return this.construct(path);
        return this.literal('null', 'null', path, { token: 'Null' });
      default:
        if (ch === '-' && text[this.i + 1] === 'I')
          return this.literal('-Infinity', 'Infinity', path, {
            token: 'Float',
            value: -Infinity,
            text: '-Infinity',
          });
        if (ch === '-' || ch === '.' || (ch >= '0' && ch <= '9')) return this.number(path);
        return this.fail(`Unexpected character encountered while parsing value: ${ch}.`, path);
    }
  }

  private literal(
    word: string,
    what: string,
    path: string,
    node: { token: 'Boolean'; value: boolean } | { token: 'Null' | 'Undefined' } | JsonFloat,
  ): JsonNode {
    if (!this.text.startsWith(word, this.i)) this.fail(`Error parsing ${what} value.`, path);
    this.i += word.length;
    const next = this.text[this.i];
    if (next !== undefined && !NUMBER_END.test(next))
      this.fail(`Error parsing ${what} value.`, path);
    return { ...node, ...this.here(path) } as JsonNode;
  }

  private number(path: string): JsonNode {
    const start = this.i;
    while (this.i < this.text.length && NUMBER_CHAR.test(this.text[this.i])) this.i++;
    const next = this.text[this.i];
    if (next !== undefined && !NUMBER_END.test(next))
      this.fail(`Unexpected character encountered while parsing number: ${next}.`, path);
    return { token: 'Number', text: this.text.slice(start, this.i), ...this.here(path) };
  }

  private string(quote: string, path: string): string {
    const text = this.text;
    let out = '';
    let run = ++this.i;
    for (;;) {
      if (this.i >= text.length) {
        this.fail(`Unterminated string. Expected delimiter: ${quote}.`, path);
      }
      const ch = text[this.i];
      if (ch === quote) {
        out += text.slice(run, this.i++);
        return out;
      }
      if (ch === '\\') {
        out += text.slice(run, this.i);
        const kind = text[this.i + 1];
        if (kind === undefined) {
          this.i++;
          this.fail(`Unterminated string. Expected delimiter: ${quote}.`, path);
        }
        if (kind === 'u') {
          const hex = text.slice(this.i + 2, this.i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.i = Math.min(text.length, this.i + 6);
            this.fail(`Invalid Unicode escape sequence: \\u${hex}.`, path);
          }
          out += String.fromCharCode(parseInt(hex, 16));
          this.i += 6;
        } else if (kind in ESCAPES) {
          out += ESCAPES[kind];
          this.i += 2;
        } else {
          this.i += 2;
          this.fail(`Bad JSON escape sequence: \\${kind}.`, path);
        }
        run = this.i;
        continue;
      }
      this.i++;
      if (ch === '\n') this.newLine(this.i);
      else if (ch === '\r' && text[this.i] !== '\n') this.newLine(this.i);
    }
  }

  private enter(path: string): void {
    if (++this.depth > this.maxDepth)
      this.fail(`The reader's MaxDepth of ${this.maxDepth} has been exceeded.`, path);
  }

  private object(path: string, attach?: (node: JsonNode) => void): JsonNode {
    this.i++;
    this.enter(path);
    const node: JsonNode & { token: 'StartObject' } = {
      token: 'StartObject',
      members: [],
      lookahead: null,
      end: null,
      ...this.here(path),
    };
    attach?.(node);
    let memberPath = path;
    for (;;) {
      this.skipBlank(memberPath);
      const ch = this.text[this.i];
      if (ch === undefined) return this.close(node);
      if (ch === '}') {
        this.i++;
        node.end = this.here(path);
        node.lookahead ??= node.end;
        this.depth--;
        return node;
      }
      const name = this.propertyName(memberPath);
      memberPath = pathWith(path, name);
      node.lookahead ??= this.here(memberPath);
      this.skipBlank(memberPath);
      if (this.i >= this.text.length) return this.close(node);
      const member: JsonMember = { name, value: null as unknown as JsonNode };
      node.members.push(member);
      member.value = this.value(memberPath, (child) => (member.value = child));
      if (!this.afterValue('}', memberPath)) return this.close(node);
      if (this.text[this.i] === '}') continue;
      this.i++; // ','
    }
  }

  private array(path: string, attach?: (node: JsonNode) => void): JsonNode {
    this.i++;
    this.enter(path);
    const node: JsonNode = { token: 'StartArray', items: [], end: null, ...this.here(path) };
    attach?.(node);
    for (;;) {
      this.skipBlank(path);
      const ch = this.text[this.i];
      if (ch === undefined) return this.close(node);
      if (ch === ']') {
        this.i++;
        node.end = this.here(path);
        this.depth--;
        return node;
      }
      const itemPath = pathWith(path, node.items.length);
      const index = node.items.length;
      node.items.push(null as unknown as JsonNode);
      node.items[index] = this.value(itemPath, (child) => (node.items[index] = child));
      if (!this.afterValue(']', itemPath)) return this.close(node);
      if (this.text[this.i] === ']') continue;
      this.i++; // ','
    }
  }

  /** `new Date(1)`: read whole (its arguments are values); no member type takes it. */
  private construct(path: string): JsonNode {
    this.i += 3;
    this.skipBlank(path);
    while (this.i < this.text.length && IDENTIFIER_CHAR.test(this.text[this.i])) this.i++;
    this.skipBlank(path);
    if (this.text[this.i] !== '(')
      this.fail('Unexpected character while parsing constructor.', path);
    this.i++;
    const node: JsonNode = { token: 'StartConstructor', ...this.here(path) };
    this.enter(path);
    for (;;) {
      this.skipBlank(path);
      const ch = this.text[this.i];
      if (ch === undefined) this.fail('Unexpected end while parsing constructor.', path);
      if (ch === ')') {
        this.i++;
        this.depth--;
        return node;
      }
      this.value(path);
      if (!this.afterValue(')', path)) this.fail('Unexpected end while parsing constructor.', path);
      if (this.text[this.i] === ',') this.i++;
    }
  }

  /** After a member or item: blanks, then `,` or the closer; false at the end of the text. */
  private afterValue(closer: string, path: string): boolean {
    this.skipBlank(path);
    const ch = this.text[this.i];
    if (ch === undefined) return false;
    if (ch !== ',' && ch !== closer)
      this.fail(`After parsing a value an unexpected character was encountered: ${ch}.`, path);
    return true;
  }

  private propertyName(path: string): string {
    const text = this.text;
    const ch = text[this.i];
    if (ch === '"' || ch === "'") {
      const name = this.string(ch, path);
      this.skipBlank(path);
      this.expectColon(path);
      return name;
    }
    if (!IDENTIFIER_CHAR.test(ch)) this.fail(`Invalid property identifier character: ${ch}.`, path);
    const start = this.i;
    while (this.i < text.length && IDENTIFIER_CHAR.test(text[this.i])) this.i++;
    const name = text.slice(start, this.i);
    const next = text[this.i];
    if (next !== undefined && next !== ':' && !/\s/.test(next))
      this.fail(`Invalid JavaScript property identifier character: ${next}.`, path);
    this.skipBlank(path);
    this.expectColon(path);
    return name;
  }

  private expectColon(path: string): void {
    const ch = this.text[this.i];
    if (ch === ':') {
      this.i++;
      return;
    }
    if (ch === undefined) return;
    this.fail(`Invalid character after parsing property name. Expected ':' but got: ${ch}.`, path);
  }

  /** The text ended inside a container: the serializer's "Unexpected end". */
  private close(node: JsonNode & { token: 'StartObject' | 'StartArray' }): never {
    const what = node.token === 'StartObject' ? 'object' : 'array';
    const path = this.lastPath(node);
    throw new SyntaxStop({
      path,
      message: newtonsoftMessage(`Unexpected end when deserializing ${what}.`, this.here(path)),
    });
  }

  private lastPath(node: JsonNode): string {
    if (node.token === 'StartObject' && node.members.length > 0)
      return node.members[node.members.length - 1].value?.path ?? node.path;
    if (node.token === 'StartArray' && node.items.length > 0)
      return node.items[node.items.length - 1]?.path ?? node.path;
    return node.path;
  }
}

type JsonFloat = { token: 'Float'; value: number; text: string };

export function parseJsonDocument(text: string, maxDepth = DEFAULT_MAX_DEPTH): JsonDocument {
  return new JsonTextReader(text, maxDepth).read();
}

const UTF8_DECODER = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Bytes a UTF-8 decoder that throws on invalid input (`new UTF8Encoding(false, true)`) refuses. */
function invalidUtf8(bytes: Uint8Array): { index: number; bytes: number[] } | null {
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const need = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0; // prettier-ignore
    if (need === 0) return { index: i, bytes: [lead] };
    const [low, high] =
      lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf]; // prettier-ignore
    for (let k = 1; k <= need; k++) {
      const byte = bytes[i + k];
      const continuation = byte !== undefined && byte >= 0x80 && byte <= 0xbf;
      if (!continuation) return { index: i, bytes: [...bytes.subarray(i, i + k)] };
      if (k === 1 && (byte < low || byte > high))
        return { index: i, bytes: [...bytes.subarray(i, i + 2)] };
    }
    i += need + 1;
  }
  return null;
}

const hexByte = (byte: number) => `[${byte.toString(16).toUpperCase().padStart(2, '0')}]`;

/**
 * The body's text as the JSON formatter reads it: `charset=utf-16` is UTF-16LE,
 * any other (or none) UTF-8 (SelectCharacterEncoding falls back to its first
 * encoding); a byte order mark wins (StreamReader). Invalid UTF-8 is a 400
 * with the decoder's message, never replacement characters.
 */
export function decodeJsonBody(
  bytes: Buffer,
  charset: string | null,
  errors: ModelStateErrors,
): string | null {
  const bigEndianBom = bytes[0] === 0xfe && bytes[1] === 0xff;
  const utf16Bom = bigEndianBom || (bytes[0] === 0xff && bytes[1] === 0xfe);
  const bom = utf16Bom ? 2 : bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const content = bytes.subarray(bom);
  if (utf16Bom || (bom === 0 && charset?.replace(/"/g, '').toLowerCase() === 'utf-16')) {
    // The formatter's UTF-16 encodings throw on invalid bytes: a lone last byte is one.
    if (content.length % 2 !== 0) {
      errors.add(
        '',
        `Unable to translate bytes ${hexByte(content[content.length - 1])} at index ${content.length - 1} from specified code page to Unicode.`,
      );
      return null;
    }
    return bigEndianBom
      ? Buffer.from(content).swap16().toString('utf16le')
      : content.toString('utf16le');
  }
  try {
    return UTF8_DECODER.decode(content);
  } catch {
    const bad = invalidUtf8(content) ?? { index: 0, bytes: [content[0]] };
    errors.add(
      '',
      `Unable to translate bytes ${bad.bytes.map(hexByte).join('')} at index ${bad.index} from specified code page to Unicode.`,
    );
    return null;
  }
}

/**
 * JSON request bodies, read as Web API 2's JsonMediaTypeFormatter reads them
 * with Newtonsoft.Json 6 (SPEC 4.3). The document becomes a token tree (never
 * a JavaScript object, so no key can reach a prototype), then the binder
 * converts it member by member, recording Newtonsoft's errors in ModelState.
 */
export function readJson(
  plan: ContractPlan,
  bytes: Buffer,
  charset: string | null,
  options: ReadOptions,
): unknown {
  const errors = new ModelStateErrors(options.parameterName);
  const text = decodeJsonBody(bytes, charset, errors);
  errors.throwIfAny();
  const document = parseJsonDocument(text!, options.maxDepth ?? DEFAULT_MAX_DEPTH);
  const instance = new JsonBinder(errors).bindDocument(plan, document);
  errors.throwIfAny();
  return instance;
}
