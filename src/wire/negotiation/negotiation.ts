import {
  charsetOf,
  mediaTypeOf,
  parseAccept,
  parseMediaRanges,
  parseWeightedTokens,
  specificity,
} from './media-type';

export type FormatterId = 'json' | 'xml' | 'compressed-json';

interface Formatter {
  id: FormatterId;
  mediaTypes: readonly string[];
  /** Charsets it can write, first is the default (Web API's SupportedEncodings). */
  charsets: readonly ResponseCharset[];
}

export type ResponseCharset = 'utf-8' | 'utf-16';

/** Web API's formatter collection, in order (SPEC 4.2). */
const FORMATTERS: readonly Formatter[] = [
  { id: 'json', mediaTypes: ['application/json', 'text/json'], charsets: ['utf-8', 'utf-16'] },
  { id: 'xml', mediaTypes: ['application/xml', 'text/xml'], charsets: ['utf-8', 'utf-16'] },
  { id: 'compressed-json', mediaTypes: ['application/x-compressed-json'], charsets: [] },
];

export interface NegotiationInput {
  accept?: string;
  contentType?: string;
  acceptCharset?: string;
  xRequestedWith?: string;
}

export interface Negotiated {
  formatter: FormatterId;
  mediaType: string;
  /** null for compressed JSON (binary, no charset). */
  charset: ResponseCharset | null;
  /** The exact `Content-Type` response header. */
  contentType: string;
}

interface Match {
  formatter: Formatter;
  mediaType: string;
  quality: number;
  /** 3 media type mapping, 2 literal, 1 `type/*`, 0 `*\/*` (Web API's MatchOnRequest* rankings). */
  ranking: number;
}

/**
 * The JSON formatter's X-Requested-With mapping (Web API 2's
 * XmlHttpRequestHeaderMapping): an XMLHttpRequest with no Accept (absent or
 * dropped) or only `*\/*` gets JSON, whatever its Content-Type. It outranks
 * every Accept match of equal quality, so it always wins where it applies.
 */
function xmlHttpRequestMapping(input: NegotiationInput): Match | undefined {
  if (!input.xRequestedWith?.toLowerCase().includes('xmlhttprequest')) return undefined;
  const accept = parseAccept(input.accept) ?? [];
  const onlyAll = accept.length === 1 && accept[0].type === '*' && accept[0].subtype === '*';
  if (accept.length > 0 && !onlyAll) return undefined;
  return { formatter: FORMATTERS[0], mediaType: 'application/json', quality: 1, ranking: 3 };
}

/** Web API 2's DefaultContentNegotiator.SelectResponseMediaTypeFormatter. */
function selectFormatter(input: NegotiationInput): Match {
  const mapped = xmlHttpRequestMapping(input);
  if (mapped) return mapped;
  const { accept, contentType } = input;
  const ranges = parseMediaRanges(accept)
    .filter((range) => range.quality > 0)
    .sort((a, b) => b.quality - a.quality || specificity(b) - specificity(a) || a.index - b.index);
  // Best match per ranking; within one, a later formatter needs a strictly higher quality.
  const bestByRanking: Array<Match | undefined> = [];
  for (const formatter of FORMATTERS) {
    const match = matchAccept(formatter, ranges);
    const current = match && bestByRanking[match.ranking];
    if (match && (!current || match.quality > current.quality))
      bestByRanking[match.ranking] = match;
  }
  // Literal first; a broader match replaces it only with a strictly higher quality.
  let best: Match | undefined;
  for (const ranking of [2, 1, 0]) {
    const candidate = bestByRanking[ranking];
    if (candidate && (!best || candidate.quality > best.quality)) best = candidate;
  }
  if (best) return best;
  const requestType = mediaTypeOf(contentType);
  if (requestType) {
    for (const formatter of FORMATTERS) {
      if (formatter.mediaTypes.includes(requestType))
        return { formatter, mediaType: requestType, quality: 1, ranking: 2 };
    }
  }
  return {
    formatter: FORMATTERS[0],
    mediaType: FORMATTERS[0].mediaTypes[0],
    quality: 1,
    ranking: 2,
  };
}

/** The first accept value (in sorted order) that one of the formatter's types falls in. */
function matchAccept(
  formatter: Formatter,
  ranges: ReturnType<typeof parseMediaRanges>,
): Match | undefined {
  for (const range of ranges) {
    for (const mediaType of formatter.mediaTypes) {
      const slash = mediaType.indexOf('/');
      const allRange = range.type === '*' && range.subtype === '*';
      const typeMatches = allRange || range.type === mediaType.slice(0, slash);
      const subtypeMatches = range.subtype === '*' || range.subtype === mediaType.slice(slash + 1);
      if (typeMatches && subtypeMatches)
        return { formatter, mediaType, quality: range.quality, ranking: specificity(range) };
    }
  }
  return undefined;
}

/** Accept-Charset first, then the request's own charset, then the formatter's default. */
function selectCharset(
  formatter: Formatter,
  acceptCharset: string | undefined,
  contentType: string | undefined,
) {
  if (formatter.charsets.length === 0) return null;
  for (const token of parseWeightedTokens(acceptCharset)) {
    if (token.quality === 0) continue;
    if (token.value === '*') return formatter.charsets[0];
    const supported = formatter.charsets.find((charset) => charset === token.value);
    if (supported) return supported;
  }
  const requestCharset = charsetOf(contentType);
  return formatter.charsets.find((charset) => charset === requestCharset) ?? formatter.charsets[0];
}

const cache = new Map<string, Negotiated>();
const CACHE_LIMIT = 1000;

/** Picks the response formatter, media type and charset for a request (SPEC 4.2); never fails (no 406). */
export function negotiate(input: NegotiationInput): Negotiated {
  const key =
    (input.accept ?? '\u0000') +
    '\n' +
    (input.contentType ?? '') +
    '\n' +
    (input.acceptCharset ?? '') +
    '\n' +
    (input.xRequestedWith ?? '');
  const cached = cache.get(key);
  if (cached) return cached;
  const match = selectFormatter(input);
  const charset = selectCharset(match.formatter, input.acceptCharset, input.contentType);
  const negotiated: Negotiated = {
    formatter: match.formatter.id,
    mediaType: match.mediaType,
    charset,
    contentType: charset ? `${match.mediaType}; charset=${charset}` : match.mediaType,
  };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, negotiated);
  return negotiated;
}

/** Which reader takes a request body of this media type; undefined → 415. */
export type BodyReaderId = 'json' | 'xml' | 'compressed-json' | 'form';

const READERS: Record<string, BodyReaderId> = {
  'application/json': 'json',
  'text/json': 'json',
  'application/xml': 'xml',
  'text/xml': 'xml',
  'application/x-compressed-json': 'compressed-json',
  'application/x-www-form-urlencoded': 'form',
};

export function readerFor(mediaType: string): BodyReaderId | undefined {
  return READERS[mediaType];
}
