/**
 * A request URI as .NET's `Uri.ToString()` prints it (what Web API's 404
 * text quotes): scheme and host lower-cased, the scheme's default port
 * dropped, path and query "safely unescaped" (escapes of characters that
 * would change the URI's meaning, of controls, and of invalid UTF-8 stay),
 * a stray `%` escaped, dot segments removed.
 */
export function dotnetUriString(scheme: string, host: string, pathAndQuery: string): string {
  const lowerScheme = scheme.toLowerCase();
  const authority = withoutDefaultPort(lowerScheme, host.toLowerCase());
  const queryAt = pathAndQuery.indexOf('?');
  const rawPath = queryAt === -1 ? pathAndQuery : pathAndQuery.slice(0, queryAt);
  const rawQuery = queryAt === -1 ? '' : pathAndQuery.slice(queryAt);
  const path = removeDotSegments(safeUnescape(rawPath) || '/');
  return `${lowerScheme}://${authority}${path}${safeUnescape(rawQuery)}`;
}

const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443' };

function withoutDefaultPort(scheme: string, host: string): string {
  const match = /^(.*):(\d+)$/.exec(host);
  if (!match || match[1].endsWith(':')) return host; // bare IPv6 without brackets: leave
  return match[2] === DEFAULT_PORTS[scheme] ? match[1] : host;
}

/** UriHelper.IsNotSafeForUnescape: controls and the characters with a meaning in a URI. */
function notSafeForUnescape(code: number): boolean {
  if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true;
  return ';=?@#$%&+,/\\'.includes(String.fromCharCode(code));
}

const HEX = /^[0-9a-fA-F]{2}$/;

function safeUnescape(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '%') {
      out += text[i++];
      continue;
    }
    if (!HEX.test(text.slice(i + 1, i + 3))) {
      out += '%25';
      i++;
      continue;
    }
    // a run of escapes, decoded as UTF-8 where it forms valid characters
    const bytes: number[] = [];
    const escapes: string[] = [];
    let j = i;
    while (text[j] === '%' && HEX.test(text.slice(j + 1, j + 3))) {
      bytes.push(parseInt(text.slice(j + 1, j + 3), 16));
      escapes.push(text.slice(j, j + 3).toUpperCase());
      j += 3;
    }
    out += decodeEscapes(bytes, escapes);
    i = j;
  }
  return out;
}

/** Byte by byte: a valid UTF-8 sequence becomes its character (if safe), anything else stays escaped. */
function decodeEscapes(bytes: number[], escapes: string[]): string {
  let out = '';
  let k = 0;
  while (k < bytes.length) {
    const length = utf8SequenceLength(bytes, k);
    if (length === 0) {
      out += escapes[k++];
      continue;
    }
    const char = Buffer.from(bytes.slice(k, k + length)).toString('utf8');
    const code = char.codePointAt(0)!;
    out += notSafeForUnescape(code) ? escapes.slice(k, k + length).join('') : char;
    k += length;
  }
  return out;
}

function utf8SequenceLength(bytes: number[], at: number): number {
  const first = bytes[at];
  const length =
    first < 0x80
      ? 1
      : first >= 0xc2 && first <= 0xdf
        ? 2
        : first >= 0xe0 && first <= 0xef
          ? 3
          : first >= 0xf0 && first <= 0xf4
            ? 4
            : 0;
  if (length === 0 || at + length > bytes.length) return 0;
  for (let n = 1; n < length; n++) if ((bytes[at + n] & 0xc0) !== 0x80) return 0;
  const text = Buffer.from(bytes.slice(at, at + length)).toString('utf8');
  return text.includes('\ufffd') ? 0 : length;
}

/** RFC 3986 remove_dot_segments, as System.Uri compresses http paths. */
function removeDotSegments(path: string): string {
  const output: string[] = [];
  const segments = path.split('/');
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i];
    const last = i === segments.length - 1;
    if (segment === '.' || segment === '..') {
      if (segment === '..' && output.length > 0) output.pop();
      if (last) output.push('');
    } else output.push(segment);
  }
  return '/' + output.join('/');
}
