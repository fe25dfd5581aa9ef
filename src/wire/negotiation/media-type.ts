/** A parsed `type/subtype;params` value of Accept or Content-Type. */
export interface MediaRange {
  type: string;
  subtype: string;
  quality: number;
  /** Position in the header, for a stable sort. */
  index: number;
  parameters: Record<string, string>;
}

/** `type/subtype` lower-cased, without parameters; null when absent or malformed. */
export function mediaTypeOf(header: string | undefined | null): string | null {
  if (!header) return null;
  const semicolon = header.indexOf(';');
  const value = (semicolon === -1 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  return /^[^\s/]+\/[^\s/]+$/.test(value) ? value : null;
}

export function charsetOf(header: string | undefined | null): string | null {
  if (!header) return null;
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(header);
  return match ? match[1].toLowerCase() : null;
}

function parseParameters(parts: string[]): Record<string, string> {
  const parameters: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const part of parts) {
    const equals = part.indexOf('=');
    if (equals > 0)
      parameters[part.slice(0, equals).trim().toLowerCase()] = part
        .slice(equals + 1)
        .trim()
        .replace(/^"|"$/g, '');
  }
  return parameters;
}

/** Accept / Accept-Charset style list; malformed entries are skipped, as Web API does. */
export function parseMediaRanges(header: string | undefined): MediaRange[] {
  if (!header) return [];
  const ranges: MediaRange[] = [];
  header.split(',').forEach((entry, index) => {
    const [value, ...rest] = entry.split(';');
    const slash = value.indexOf('/');
    const type = (slash === -1 ? '' : value.slice(0, slash)).trim().toLowerCase();
    const subtype = (slash === -1 ? '' : value.slice(slash + 1)).trim().toLowerCase();
    if (!type || !subtype || (type === '*' && subtype !== '*')) return;
    const parameters = parseParameters(rest);
    ranges.push({ type, subtype, quality: qualityOf(parameters.q), index, parameters });
  });
  return ranges;
}

export interface WeightedToken {
  value: string;
  quality: number;
  index: number;
}

/** `utf-16;q=0.9, *;q=0.1` → tokens with qualities. */
export function parseWeightedTokens(header: string | undefined): WeightedToken[] {
  if (!header) return [];
  const tokens: WeightedToken[] = [];
  header.split(',').forEach((entry, index) => {
    const [value, ...rest] = entry.split(';');
    const token = value.trim().toLowerCase();
    if (token) tokens.push({ value: token, quality: qualityOf(parseParameters(rest).q), index });
  });
  return tokens.sort((a, b) => b.quality - a.quality || a.index - b.index);
}

function qualityOf(q: string | undefined): number {
  if (q === undefined) return 1;
  const value = Number(q);
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : 1;
}

/** 2 for a literal type, 1 for `type/*`, 0 for `*\/*`. */
export function specificity(range: MediaRange): number {
  return range.type === '*' ? 0 : range.subtype === '*' ? 1 : 2;
}
