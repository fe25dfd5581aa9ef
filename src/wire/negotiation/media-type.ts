/**
 * Accept, Accept-Charset and Content-Type parsed as System.Net.Http parses
 * them (SPEC 4.2 step 0): RFC 7230 tokens, `;name[=value]` parameters, lists
 * with empty elements allowed; a header with ANY element it cannot parse is
 * dropped whole, as if absent. A media type's `q` is not range-checked; an
 * Accept-Charset `q` must lie in [0, 1].
 */

/** A parsed `type/subtype;params` value of Accept or Content-Type. */
export interface MediaRange {
  type: string;
  subtype: string;
  /** `q` as .NET reads it (unparsable: 1, the default); never range-checked. */
  quality: number;
  /** Position in the header, for a stable sort. */
  index: number;
  parameters: Record<string, string>;
}

/** A Content-Type value: `mediaType` keeps the sender's case (Web API's 415 text prints it). */
export interface ParsedMediaType {
  mediaType: string;
  parameters: Record<string, string>;
}

export interface WeightedToken {
  value: string;
  quality: number;
  index: number;
}

/** RFC 7230 tchar: visible ASCII except the separators. */
function isTokenChar(code: number): boolean {
  return code > 32 && code < 127 && !'()<>@,;:\\"/[]?={}'.includes(String.fromCharCode(code));
}

function tokenLength(input: string, start: number): number {
  let i = start;
  while (i < input.length && isTokenChar(input.charCodeAt(i))) i++;
  return i - start;
}

function whitespaceLength(input: string, start: number): number {
  let i = start;
  while (i < input.length && (input[i] === ' ' || input[i] === '\t')) i++;
  return i - start;
}

function quotedStringLength(input: string, start: number): number {
  if (input[start] !== '"') return 0;
  for (let i = start + 1; i < input.length; i++) {
    if (input[i] === '\\') i++;
    else if (input[i] === '"') return i + 1 - start;
  }
  return 0;
}

/** `;name[=token|quoted]` pairs from `start` (just after a `;`); 0 when malformed. */
function parametersLength(input: string, start: number, into: Record<string, string>): number {
  let i = start + whitespaceLength(input, start);
  for (;;) {
    const nameLength = tokenLength(input, i);
    if (nameLength === 0) return 0;
    const name = input.slice(i, i + nameLength).toLowerCase();
    i += nameLength;
    i += whitespaceLength(input, i);
    let value = '';
    if (input[i] === '=') {
      i++;
      i += whitespaceLength(input, i);
      const valueLength = tokenLength(input, i) || quotedStringLength(input, i);
      if (valueLength === 0) return 0;
      value = input.slice(i, i + valueLength);
      i += valueLength;
      i += whitespaceLength(input, i);
    }
    if (!(name in into)) into[name] = value;
    if (input[i] !== ';') return i - start;
    i++;
    i += whitespaceLength(input, i);
  }
}

interface Element<T> {
  value: T;
  length: number;
}

/** One `type / subtype [; params]` starting at `start`. */
function mediaTypeAt(input: string, start: number): Element<ParsedMediaType> | null {
  const typeLength = tokenLength(input, start);
  if (typeLength === 0) return null;
  let i = start + typeLength;
  i += whitespaceLength(input, i);
  if (input[i] !== '/') return null;
  i++;
  i += whitespaceLength(input, i);
  const subtypeLength = tokenLength(input, i);
  if (subtypeLength === 0) return null;
  const mediaType = `${input.slice(start, start + typeLength)}/${input.slice(i, i + subtypeLength)}`;
  i += subtypeLength;
  i += whitespaceLength(input, i);
  const parameters = Object.create(null) as Record<string, string>;
  if (input[i] === ';') {
    const length = parametersLength(input, i + 1, parameters);
    if (length === 0) return null;
    i += 1 + length;
  }
  return { value: { mediaType, parameters }, length: i - start };
}

/** One `token [; q=0.5]` (an Accept-Charset element) starting at `start`; its q must lie in [0, 1]. */
function weightedTokenAt(
  input: string,
  start: number,
): Element<{ token: string; quality: number }> | null {
  const valueLength = tokenLength(input, start);
  if (valueLength === 0) return null;
  const token = input.slice(start, start + valueLength).toLowerCase();
  let i = start + valueLength;
  i += whitespaceLength(input, i);
  if (input[i] !== ';') return { value: { token, quality: 1 }, length: i - start };
  const match = /^;[ \t]*[qQ][ \t]*=[ \t]*(\d+(?:\.\d*)?)[ \t]*/.exec(input.slice(i));
  if (!match || Number(match[1]) > 1) return null;
  return { value: { token, quality: Number(match[1]) }, length: i + match[0].length - start };
}

/** A comma list with empty elements allowed; null when any element is malformed. */
function parseList<T>(
  input: string,
  elementAt: (input: string, start: number) => Element<T> | null,
): T[] | null {
  const out: T[] = [];
  let i = 0;
  for (;;) {
    while (i < input.length && (input[i] === ',' || input[i] === ' ' || input[i] === '\t')) i++;
    if (i >= input.length) return out;
    const element = elementAt(input, i);
    if (!element) return null;
    out.push(element.value);
    i += element.length;
    i += whitespaceLength(input, i);
    if (i < input.length && input[i] !== ',') return null;
  }
}

/** A single media type (Content-Type); null when absent or not parsable. */
export function parseMediaType(header: string | undefined | null): ParsedMediaType | null {
  if (!header) return null;
  const start = whitespaceLength(header, 0);
  const element = mediaTypeAt(header, start);
  if (!element || start + element.length !== header.length) return null;
  return element.value;
}

/** `type/subtype` lower-cased, without parameters; null when absent or malformed. */
export function mediaTypeOf(header: string | undefined | null): string | null {
  return parseMediaType(header)?.mediaType.toLowerCase() ?? null;
}

export function charsetOf(header: string | undefined | null): string | null {
  const charset = parseMediaType(header)?.parameters.charset;
  return charset ? charset.replace(/^"|"$/g, '').toLowerCase() : null;
}

/** HeaderUtilities.GetQuality: digits with an optional point (no sign, no exponent); else none (1). */
function mediaQuality(q: string | undefined): number {
  return q !== undefined && /^(\d+\.?\d*|\.\d+)$/.test(q) ? Number(q) : 1;
}

/** The Accept header's values; null when the header is absent, empty of values or dropped. */
export function parseAccept(header: string | undefined): MediaRange[] | null {
  if (header === undefined) return null;
  const list = parseList(header, mediaTypeAt);
  if (list === null) return null;
  return list.map((value, index) => {
    const slash = value.mediaType.indexOf('/');
    return {
      type: value.mediaType.slice(0, slash).toLowerCase(),
      subtype: value.mediaType.slice(slash + 1).toLowerCase(),
      quality: mediaQuality(value.parameters.q),
      index,
      parameters: value.parameters,
    };
  });
}

/** Accept values (empty when absent or dropped). */
export function parseMediaRanges(header: string | undefined): MediaRange[] {
  return parseAccept(header) ?? [];
}

/**
 * Accept-Charset values sorted as Web API sorts them: by q, descending, `*`
 * after named charsets at equal q, otherwise in header order. Empty when
 * absent or dropped.
 */
export function parseWeightedTokens(header: string | undefined): WeightedToken[] {
  if (header === undefined) return [];
  const list = parseList(header, weightedTokenAt);
  if (list === null) return [];
  const tokens = list.map(({ token, quality }, index) => ({ value: token, quality, index }));
  return tokens.sort(
    (a, b) =>
      b.quality - a.quality ||
      Number(a.value === '*') - Number(b.value === '*') ||
      a.index - b.index,
  );
}

/** 2 for a literal type (`*\/xml` included), 1 for `type/*`, 0 for `*\/*`. */
export function specificity(range: MediaRange): number {
  if (range.subtype !== '*') return 2;
  return range.type === '*' ? 0 : 1;
}
