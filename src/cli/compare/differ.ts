import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { JsonNode, parseJsonTree } from './json-tree';
import { formatJsonPath, formatXmlPath, matches, memberName, Path, Segment } from './paths';
import { UserRule } from './rules';
import {
  builtInShape,
  COMPARED_HEADERS,
  cookieShape,
  shapeOfKind,
  VOLATILE_HEADERS,
  VolatileKind,
} from './volatile';
import { parseXmlTree, XmlChild, XmlElement } from './xml-tree';

export interface RecordedResponse {
  status: number;
  /** Lower-case names, in arrival order; a repeated header appears once per line. */
  headers: [string, string][];
  body: Buffer;
}

export interface VolatileValue {
  path: string;
  shape: string;
}

export type Verdict =
  | { status: 'identical' }
  | { status: 'equal'; volatile: VolatileValue[] }
  | { status: 'different'; path: string; legacy: string; candidate: string };

interface Difference {
  path: string;
  legacy: string;
  candidate: string;
}

/** Longest value text shown in a report; the rest is elided. */
const SHOWN = 120;
/** Largest decompressed body compared structurally. */
const MAX_INFLATED = 64 * 1024 * 1024;

export function compareResponses(
  legacy: RecordedResponse,
  candidate: RecordedResponse,
  rules: UserRule[],
): Verdict {
  const volatile: VolatileValue[] = [];
  if (legacy.status !== candidate.status)
    return {
      status: 'different',
      path: 'status',
      legacy: String(legacy.status),
      candidate: String(candidate.status),
    };
  const headerDifference = compareHeaders(legacy, candidate, rules, volatile);
  if (headerDifference) return { status: 'different', ...headerDifference };
  if (!legacy.body.equals(candidate.body)) {
    const bodyDifference = compareBodies(legacy, candidate, rules, volatile);
    if (bodyDifference) return { status: 'different', ...bodyDifference };
    // Same content in other bytes (whitespace, prefixes, attribute order): no client tells them apart.
    if (volatile.length === 0) volatile.push({ path: 'body', shape: 'formatting' });
  }
  return volatile.length ? { status: 'equal', volatile } : { status: 'identical' };
}

const HEADER_SPELLING: Record<string, string> = {
  etag: 'ETag',
  'www-authenticate': 'WWW-Authenticate',
};

export function headerLabel(name: string): string {
  return (
    HEADER_SPELLING[name] ??
    name.replace(
      /(^|-)([a-z])/g,
      (_all, dash: string, letter: string) => dash + letter.toUpperCase(),
    )
  );
}

function headerValues(response: RecordedResponse, name: string): string[] {
  return response.headers.filter(([key]) => key === name).map(([, value]) => value);
}

function compareHeaders(
  legacy: RecordedResponse,
  candidate: RecordedResponse,
  rules: UserRule[],
  volatile: VolatileValue[],
): Difference | null {
  const ignored = new Set(rules.flatMap((rule) => rule.headers.ignore));
  const volatileNames = new Set([
    ...VOLATILE_HEADERS,
    ...rules.flatMap((rule) => rule.headers.volatile),
  ]);
  const names = [
    ...new Set([
      ...COMPARED_HEADERS,
      ...rules.flatMap((rule) => [...rule.headers.compare, ...rule.headers.volatile]),
    ]),
  ].filter((name) => !ignored.has(name));
  for (const name of names) {
    const a = headerValues(legacy, name);
    const b = headerValues(candidate, name);
    if (a.join('\n') === b.join('\n')) continue;
    const shown = (values: string[]) => (values.length ? clip(values.join(', ')) : '(absent)');
    if (volatileNames.has(name)) {
      const shape = (values: string[]) =>
        (name === 'set-cookie' ? values.map(cookieShape) : values.map(() => 'present')).join('\n');
      if (shape(a) === shape(b)) {
        volatile.push({ path: headerLabel(name), shape: 'header' });
        continue;
      }
    }
    return { path: headerLabel(name), legacy: shown(a), candidate: shown(b) };
  }
  return null;
}

function clip(text: string): string {
  return text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text;
}

function contentType(response: RecordedResponse): string {
  return headerValues(response, 'content-type')[0]?.toLowerCase() ?? '';
}

/** The body as text for the parsers, or null when it cannot be read as such. */
function bodyText(response: RecordedResponse): string | null {
  try {
    let bytes = response.body;
    const encoding = headerValues(response, 'content-encoding')[0]?.trim().toLowerCase();
    const limit = { maxOutputLength: MAX_INFLATED };
    if (encoding === 'gzip') bytes = gunzipSync(bytes, limit);
    else if (encoding === 'deflate') bytes = inflateSync(bytes, limit);
    else if (encoding === 'br') bytes = brotliDecompressSync(bytes, limit);
    else if (encoding && encoding !== 'identity') return null;
    let charset = /;\s*charset="?([^";\s]+)/i.exec(contentType(response))?.[1] ?? 'utf-8';
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) charset = 'utf-8';
    else if (bytes[0] === 0xff && bytes[1] === 0xfe) charset = 'utf-16le';
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) charset = 'utf-16be';
    return new TextDecoder(charset, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

function compareBodies(
  legacy: RecordedResponse,
  candidate: RecordedResponse,
  rules: UserRule[],
  volatile: VolatileValue[],
): Difference | null {
  const type = contentType(legacy);
  const a = bodyText(legacy);
  const b = bodyText(candidate);
  if (a !== null && b !== null) {
    if (/[/+]json\b|\/json/.test(type)) {
      const trees = tryBoth(parseJsonTree, a, b);
      if (trees) return new JsonDiffer(rules, volatile).compare(trees[0], trees[1], []);
    } else if (/[/+]xml\b/.test(type)) {
      const trees = tryBoth(parseXmlTree, a, b);
      if (trees) return new XmlDiffer(rules, volatile).compareRoot(trees[0], trees[1]);
    }
  }
  return byteDifference(legacy.body, candidate.body);
}

function tryBoth<T>(parse: (text: string) => T, a: string, b: string): [T, T] | null {
  try {
    return [parse(a), parse(b)];
  } catch {
    return null;
  }
}

function byteDifference(a: Buffer, b: Buffer): Difference {
  let offset = 0;
  while (offset < a.length && offset < b.length && a[offset] === b[offset]) offset++;
  const excerpt = (bytes: Buffer) =>
    offset >= bytes.length
      ? `(ends after ${bytes.length} bytes)`
      : JSON.stringify(bytes.subarray(offset, offset + 32).toString('latin1'));
  return { path: `body byte ${offset}`, legacy: excerpt(a), candidate: excerpt(b) };
}

/** Shared by both body syntaxes: user rules first, then the built-in shapes. */
abstract class TreeDiffer {
  constructor(
    protected readonly rules: UserRule[],
    protected readonly volatile: VolatileValue[],
  ) {}

  protected abstract readonly syntax: 'json' | 'xml';
  protected abstract format(path: Path): string;

  protected ignored(path: Path): boolean {
    return this.rules.some((rule) => rule.ignore.some((p) => matches(p, this.syntax, path)));
  }

  protected userKind(path: Path): VolatileKind | null {
    for (const rule of this.rules)
      for (const { pattern, kind } of rule.volatile)
        if (matches(pattern, this.syntax, path)) return kind;
    return null;
  }

  /** Two scalar texts at one path; `shown*` are how the report prints them. */
  protected scalar(
    path: Path,
    a: string,
    b: string,
    quoted: boolean,
    shown: [string, string] = [a, b],
    member: string | null = memberName(path),
  ): Difference | null {
    if (a === b) return null;
    const kind = this.userKind(path);
    const shapeOf = (value: string) =>
      kind !== null ? shapeOfKind(kind, value) : builtInShape(member, value, quoted);
    const shape = shapeOf(a);
    if (shape !== null && shape === shapeOf(b)) {
      this.volatile.push({ path: this.format(path), shape });
      return null;
    }
    return this.difference(path, shown[0], shown[1]);
  }

  protected difference(path: Path, legacy: string, candidate: string): Difference {
    return { path: this.format(path), legacy: clip(legacy), candidate: clip(candidate) };
  }
}

class JsonDiffer extends TreeDiffer {
  protected readonly syntax = 'json';
  protected format(path: Path): string {
    return formatJsonPath(path);
  }

  compare(a: JsonNode, b: JsonNode, path: Path, member?: string): Difference | null {
    if (this.ignored(path)) return null;
    if (this.userKind(path) === 'any') {
      if (render(a) !== render(b)) this.volatile.push({ path: this.format(path), shape: 'any' });
      return null;
    }
    if (a.type === 'object' && b.type === 'object') return this.members(a.members, b.members, path);
    if (a.type === 'array' && b.type === 'array') {
      for (let i = 0; i < Math.max(a.items.length, b.items.length); i++) {
        const at = [...path, { type: 'index', index: i } as Segment];
        if (i >= a.items.length) return this.difference(at, '(absent)', render(b.items[i]));
        if (i >= b.items.length) return this.difference(at, render(a.items[i]), '(absent)');
        const found = this.compare(a.items[i], b.items[i], at);
        if (found) return found;
      }
      return null;
    }
    const text = (node: JsonNode) => (node.type === 'string' ? node.value : render(node));
    if (a.type === b.type && (a.type === 'string' || a.type === 'number'))
      return this.scalar(
        path,
        text(a),
        text(b),
        a.type === 'string',
        [render(a), render(b)],
        member,
      );
    return render(a) === render(b) ? null : this.difference(path, render(a), render(b));
  }

  private members(a: [string, JsonNode][], b: [string, JsonNode][], path: Path): Difference | null {
    const kept = (members: [string, JsonNode][]) =>
      members.filter(([name]) => !this.ignored([...path, { type: 'member', name }]));
    const left = kept(a);
    const right = kept(b);
    const property = propertyName(left.find(([name]) => PROPERTY_NAME.includes(name))?.[1]);
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      const [nameA, valueA] = left[i] ?? [];
      const [nameB, valueB] = right[i] ?? [];
      const at = (name: string) => [...path, { type: 'member', name } as Segment];
      if (nameA === undefined)
        return this.difference(at(nameB!), '(absent)', `member ${JSON.stringify(nameB)}`);
      if (nameB === undefined || nameA !== nameB)
        return this.difference(
          at(nameA),
          `member ${JSON.stringify(nameA)}`,
          nameB === undefined ? '(absent)' : `member ${JSON.stringify(nameB)}`,
        );
      const alias = property !== null && PROPERTY_VALUE.includes(nameA) ? property : undefined;
      const found = this.compare(valueA!, valueB!, at(nameA), alias);
      if (found) return found;
    }
    return null;
  }
}

/**
 * The legacy contracts' property bags (`{"n":"RefreshToken","v":"…"}`,
 * `<Property><Name>RefreshToken</Name><Value>…</Value></Property>`): the
 * value's member name for the built-in rules is the property's name.
 */
const PROPERTY_NAME = ['n', 'Name', 'name'];
const PROPERTY_VALUE = ['v', 'Value', 'value', 'ValueForXML'];

function propertyName(node: JsonNode | undefined): string | null {
  return node?.type === 'string' ? node.value : null;
}

/** Compact JSON text of a node (numbers as written). */
function render(node: JsonNode): string {
  switch (node.type) {
    case 'object':
      return `{${node.members.map(([name, value]) => `${JSON.stringify(name)}:${render(value)}`).join(',')}}`;
    case 'array':
      return `[${node.items.map(render).join(',')}]`;
    case 'string':
      return JSON.stringify(node.value);
    default:
      return node.text;
  }
}

class XmlDiffer extends TreeDiffer {
  protected readonly syntax = 'xml';
  protected format(path: Path): string {
    return formatXmlPath(path);
  }

  compareRoot(a: XmlElement, b: XmlElement): Difference | null {
    const at: Path = [{ type: 'element', name: a.local, index: 1, repeated: false }];
    if (!sameName(a, b)) return this.difference(at, tag(a, b), tag(b, a));
    return this.element(a, b, at);
  }

  private element(a: XmlElement, b: XmlElement, path: Path, member?: string): Difference | null {
    if (this.ignored(path)) return null;
    if (this.userKind(path) === 'any') {
      if (JSON.stringify(a) !== JSON.stringify(b))
        this.volatile.push({ path: this.format(path), shape: 'any' });
      return null;
    }
    const attributes = this.attributes(a, b, path);
    if (attributes) return attributes;
    if (textOnly(a) && textOnly(b)) {
      return this.scalar(
        path,
        textOf(a),
        textOf(b),
        true,
        [shownText(textOf(a)), shownText(textOf(b))],
        member,
      );
    }
    const left = this.kept(a.children, path);
    const right = this.kept(b.children, path);
    const nameChild = a.children.find(
      (child) => child.type === 'element' && PROPERTY_NAME.includes(child.element.local),
    );
    const property =
      nameChild?.type === 'element' && textOnly(nameChild.element)
        ? textOf(nameChild.element)
        : null;
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      const childA = left[i];
      const childB = right[i];
      const at = childA?.path ?? childB!.path;
      if (!childA || !childB)
        return this.difference(at, describe(childA, childB), describe(childB, childA));
      if (childA.child.type === 'text' || childB.child.type === 'text') {
        if (childA.child.type === 'text' && childB.child.type === 'text') {
          const found = this.scalar(path, childA.child.value, childB.child.value, true);
          if (found) return found;
          continue;
        }
        return this.difference(at, describe(childA, childB), describe(childB, childA));
      }
      if (!sameName(childA.child.element, childB.child.element))
        return this.difference(at, describe(childA, childB), describe(childB, childA));
      const { local } = childA.child.element;
      const alias = property !== null && PROPERTY_VALUE.includes(local) ? property : undefined;
      const found = this.element(childA.child.element, childB.child.element, at, alias);
      if (found) return found;
    }
    return null;
  }

  /** Children not ignored, each with its path (index among same-named siblings). */
  private kept(children: XmlChild[], path: Path): { child: XmlChild; path: Path }[] {
    const counts = new Map<string, number>();
    for (const child of children)
      if (child.type === 'element')
        counts.set(child.element.local, (counts.get(child.element.local) ?? 0) + 1);
    const seen = new Map<string, number>();
    return children
      .map((child) => {
        if (child.type === 'text') return { child, path };
        const { local } = child.element;
        const index = (seen.get(local) ?? 0) + 1;
        seen.set(local, index);
        const segment: Segment = {
          type: 'element',
          name: local,
          index,
          repeated: counts.get(local)! > 1,
        };
        return { child, path: [...path, segment] };
      })
      .filter(({ child, path: at }) => child.type === 'text' || !this.ignored(at));
  }

  private attributes(a: XmlElement, b: XmlElement, path: Path): Difference | null {
    const key = (attribute: XmlElement['attributes'][number]) =>
      `{${attribute.namespace}}${attribute.local}`;
    const left = new Map(a.attributes.map((attribute) => [key(attribute), attribute]));
    const right = new Map(b.attributes.map((attribute) => [key(attribute), attribute]));
    for (const name of [...new Set([...left.keys(), ...right.keys()])].sort()) {
      const attributeA = left.get(name);
      const attributeB = right.get(name);
      const at: Path = [...path, { type: 'attribute', name: (attributeA ?? attributeB)!.local }];
      if (this.ignored(at)) continue;
      if (!attributeA || !attributeB)
        return this.difference(
          at,
          attributeA ? JSON.stringify(attributeA.value) : '(absent)',
          attributeB ? JSON.stringify(attributeB.value) : '(absent)',
        );
      const found = this.scalar(at, attributeA.value, attributeB.value, true, [
        JSON.stringify(attributeA.value),
        JSON.stringify(attributeB.value),
      ]);
      if (found) return found;
    }
    return null;
  }
}

function textOnly(element: XmlElement): boolean {
  return element.children.every((child) => child.type === 'text');
}

function textOf(element: XmlElement): string {
  return element.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
}

function sameName(a: XmlElement, b: XmlElement): boolean {
  return a.local === b.local && a.namespace === b.namespace;
}

/** `<Token>`; with its namespace when that is what tells it from the other side's element. */
function tag(element: XmlElement, other?: XmlElement): string {
  const namespaceMatters = other !== undefined && other.local === element.local;
  return `<${element.local}>${namespaceMatters ? ` in ${JSON.stringify(element.namespace)}` : ''}`;
}

function shownText(text: string): string {
  return text === '' ? '(empty)' : JSON.stringify(text);
}

function describe(entry: { child: XmlChild } | undefined, other?: { child: XmlChild }): string {
  if (!entry) return '(absent)';
  if (entry.child.type === 'text') return `text ${JSON.stringify(entry.child.value)}`;
  return tag(
    entry.child.element,
    other?.child.type === 'element' ? other.child.element : undefined,
  );
}
