import { XMLParser } from 'fast-xml-parser';
import { MalformedBody } from '@/wire/wire-errors';

/** fast-xml-parser set up safely, and the small helpers the XML reader walks its output with. */

/** One element as fast-xml-parser's `preserveOrder` output gives it. */
export type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

export interface NamespaceScope {
  readonly prefix: string;
  readonly uri: string;
  readonly parent: NamespaceScope | null;
}

/** Only namespace declarations and `i:nil` / `i:type` matter; every other attribute is dropped. */
function ignoreAttribute(name: string): boolean {
  return !(
    name === 'xmlns' ||
    name.startsWith('xmlns:') ||
    name.endsWith(':nil') ||
    name.endsWith(':type')
  );
}

export function createParser(maxDepth: number): XMLParser {
  return new XMLParser({
    preserveOrder: true,
    ignoreAttributes: ignoreAttribute,
    attributeNamePrefix: '',
    processEntities: false, // entities are decoded below: the five predefined ones and character references only
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    cdataPropName: '#cdata',
    commentPropName: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: maxDepth,
  });
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[^;&\s]*);/g;

/** Decodes the predefined entities and character references; anything else is malformed (no DTD, no custom entities). */
export function decodeText(raw: string): string {
  if (raw.indexOf('&') === -1) return raw;
  return raw.replace(ENTITY, (whole, body: string) => {
    if (body[0] !== '#') {
      const value = PREDEFINED[body];
      if (value === undefined) throw new MalformedBody(`Reference to undeclared entity '${body}'.`);
      return value;
    }
    const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    if (!(code > 0 && code <= 0x10ffff))
      throw new MalformedBody(`Invalid character reference '${whole}'.`);
    return String.fromCodePoint(code);
  });
}

export function tagOf(node: XmlNode): string | undefined {
  for (const key in node) if (key !== ':@') return key;
  return undefined;
}

export function splitName(qualified: string): [prefix: string, local: string] {
  const colon = qualified.indexOf(':');
  return colon === -1 ? ['', qualified] : [qualified.slice(0, colon), qualified.slice(colon + 1)];
}

export function resolve(scope: NamespaceScope | null, prefix: string): string | undefined {
  for (let s = scope; s !== null; s = s.parent) if (s.prefix === prefix) return s.uri;
  return prefix === '' ? '' : undefined;
}
