/**
 * Where a difference sits, in the body's own terms: `$.appData[0].n` for
 * JSON, `/UserSessionDTO/AppData/Property[2]/Name` for XML. The same segments
 * serve for display and for matching the user's ignore/volatile patterns.
 */
export type Segment =
  | { type: 'member'; name: string }
  | { type: 'index'; index: number }
  /** `index` is 1-based among same-named siblings; `repeated` says whether to show it. */
  | { type: 'element'; name: string; index: number; repeated: boolean }
  | { type: 'attribute'; name: string };

export type Path = readonly Segment[];

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function formatJsonPath(path: Path): string {
  let text = '$';
  for (const segment of path) {
    if (segment.type === 'index') text += `[${segment.index}]`;
    else if (segment.type === 'member')
      text += IDENTIFIER.test(segment.name)
        ? `.${segment.name}`
        : `[${JSON.stringify(segment.name)}]`;
  }
  return text;
}

export function formatXmlPath(path: Path): string {
  let text = '';
  for (const segment of path) {
    if (segment.type === 'element')
      text += `/${segment.name}${segment.repeated ? `[${segment.index}]` : ''}`;
    else if (segment.type === 'attribute') text += `/@${segment.name}`;
  }
  return text || '/';
}

/** The member or element name a value sits under (for the name-based rules), if any. */
export function memberName(path: Path): string | null {
  for (let i = path.length - 1; i >= 0; i--) {
    const segment = path[i];
    if (segment.type !== 'index') return segment.name;
  }
  return null;
}

type PatternSegment =
  | { type: 'name'; kind: 'member' | 'element' | 'attribute'; name: string; index: number | null }
  | { type: 'index'; index: number | null }
  | { type: 'any' }
  | { type: 'descendants' };

/** A compiled user path: `$.a[*].b`, `$..userToken`, `/Root/*\/Name`, `//Token`, `/Root/@id`. */
export interface PathPattern {
  source: string;
  syntax: 'json' | 'xml';
  segments: PatternSegment[];
}

export class PathPatternError extends Error {}

export function compilePattern(source: string): PathPattern {
  if (source.startsWith('$')) return { source, syntax: 'json', segments: jsonPattern(source) };
  if (source.startsWith('/')) return { source, syntax: 'xml', segments: xmlPattern(source) };
  throw new PathPatternError(
    `path ${JSON.stringify(source)} must start with $ (JSON) or / (XML element path)`,
  );
}

function jsonPattern(source: string): PatternSegment[] {
  const segments: PatternSegment[] = [];
  const token =
    /\.\.|\.([A-Za-z_$][A-Za-z0-9_$-]*|\*)|\[(\d+|\*)\]|\[("(?:[^"\\]|\\.)*")\]|\['([^']*)'\]/y;
  token.lastIndex = 1;
  while (token.lastIndex < source.length) {
    const at = token.lastIndex;
    const match = token.exec(source);
    if (!match)
      throw new PathPatternError(`cannot read JSON path ${JSON.stringify(source)} at ${at}`);
    const [whole, dotted, bracket, quoted, single] = match;
    if (whole === '..') {
      segments.push({ type: 'descendants' });
      // `$..name`: the name follows without its own dot.
      const bare = /([A-Za-z_$][A-Za-z0-9_$-]*|\*)/y;
      bare.lastIndex = token.lastIndex;
      const name = bare.exec(source);
      if (name) {
        segments.push(
          name[1] === '*'
            ? { type: 'any' }
            : { type: 'name', kind: 'member', name: name[1], index: null },
        );
        token.lastIndex = bare.lastIndex;
      }
    } else if (dotted !== undefined)
      segments.push(
        dotted === '*'
          ? { type: 'any' }
          : { type: 'name', kind: 'member', name: dotted, index: null },
      );
    else if (bracket !== undefined)
      segments.push({ type: 'index', index: bracket === '*' ? null : Number(bracket) });
    else
      segments.push({
        type: 'name',
        kind: 'member',
        name: quoted !== undefined ? (JSON.parse(quoted) as string) : single,
        index: null,
      });
  }
  return segments;
}

function xmlPattern(source: string): PatternSegment[] {
  const segments: PatternSegment[] = [];
  const parts = source.split('/');
  // A leading `//` reads as "at any depth"; a trailing slash is a mistake.
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i];
    if (part === '') {
      if (i === parts.length - 1) throw new PathPatternError(`XML path ${source} ends with /`);
      segments.push({ type: 'descendants' });
      continue;
    }
    if (part === '*') {
      segments.push({ type: 'any' });
      continue;
    }
    const match = /^(@)?([^[\]@/]+)(?:\[(\d+)\])?$/.exec(part);
    if (!match || (match[1] && match[3]))
      throw new PathPatternError(`cannot read XML path ${source} at ${JSON.stringify(part)}`);
    segments.push({
      type: 'name',
      kind: match[1] ? 'attribute' : 'element',
      name: match[2],
      index: match[3] ? Number(match[3]) : null,
    });
  }
  return segments;
}

export function matches(pattern: PathPattern, syntax: 'json' | 'xml', path: Path): boolean {
  return pattern.syntax === syntax && matchFrom(pattern.segments, 0, path, 0);
}

function matchFrom(pattern: PatternSegment[], p: number, path: Path, s: number): boolean {
  if (p === pattern.length) return s === path.length;
  const head = pattern[p];
  if (head.type === 'descendants') {
    for (let skip = s; skip <= path.length; skip++)
      if (matchFrom(pattern, p + 1, path, skip)) return true;
    return false;
  }
  if (s === path.length || !matchOne(head, path[s])) return false;
  return matchFrom(pattern, p + 1, path, s + 1);
}

function matchOne(pattern: PatternSegment, segment: Segment): boolean {
  switch (pattern.type) {
    case 'any':
      return segment.type !== 'attribute';
    case 'index':
      return (
        segment.type === 'index' && (pattern.index === null || pattern.index === segment.index)
      );
    case 'name':
      if (segment.type === 'index' || segment.type !== pattern.kind) return false;
      if (segment.name !== pattern.name) return false;
      return (
        pattern.index === null || (segment.type === 'element' && segment.index === pattern.index)
      );
    default:
      return false;
  }
}
