import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * XML as a DataContractSerializer client reads it: elements in document order
 * by expanded name (namespace + local name, so moving an `xmlns:d2p1`
 * declaration or renaming a prefix is no difference), attributes as a set,
 * text with entities resolved; comments and whitespace between elements are
 * not content.
 */
export interface XmlElement {
  namespace: string;
  local: string;
  attributes: { namespace: string; local: string; value: string }[];
  children: XmlChild[];
}

export type XmlChild = { type: 'element'; element: XmlElement } | { type: 'text'; value: string };

export class XmlSyntaxError extends Error {}

const XMLNS = 'http://www.w3.org/2000/xmlns/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: '#comment',
  cdataPropName: '#cdata',
});

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

export function parseXmlTree(text: string): XmlElement {
  // No contract sends a DTD; refusing one keeps entity expansion out of reach.
  if (/<!DOCTYPE/i.test(text)) throw new XmlSyntaxError('DOCTYPE not compared structurally');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlSyntaxError(valid.err.msg);
  const nodes = parser.parse(text) as Ordered[];
  const roots = nodes.filter((node) => elementName(node) !== null);
  if (roots.length !== 1) throw new XmlSyntaxError('not exactly one root element');
  return toElement(roots[0], new Map([['xml', XML_NS]]));
}

function elementName(node: Ordered): string | null {
  const key = Object.keys(node).find((name) => name !== ':@');
  return key === undefined || key.startsWith('#') ? null : key;
}

function split(qualified: string): [string | null, string] {
  const colon = qualified.indexOf(':');
  return colon < 0 ? [null, qualified] : [qualified.slice(0, colon), qualified.slice(colon + 1)];
}

function toElement(node: Ordered, inScope: Map<string, string>): XmlElement {
  const name = elementName(node)!;
  const raw = node[':@'] ?? {};
  const scope = new Map(inScope);
  for (const [attribute, value] of Object.entries(raw)) {
    if (attribute === 'xmlns') scope.set('', value);
    else if (attribute.startsWith('xmlns:')) scope.set(attribute.slice(6), value);
  }
  const resolve = (prefix: string | null, isAttribute: boolean): string => {
    // An unprefixed attribute is in no namespace; an unbound prefix stays visible as itself.
    if (prefix === null) return isAttribute ? '' : (scope.get('') ?? '');
    return scope.get(prefix) ?? `unbound:${prefix}`;
  };
  const [prefix, local] = split(name);
  const attributes = Object.entries(raw)
    .filter(([attribute]) => attribute !== 'xmlns' && !attribute.startsWith('xmlns:'))
    .map(([attribute, value]) => {
      const [attributePrefix, attributeLocal] = split(attribute);
      return { namespace: resolve(attributePrefix, true), local: attributeLocal, value };
    })
    .filter((attribute) => attribute.namespace !== XMLNS)
    .sort((a, b) =>
      a.namespace === b.namespace
        ? a.local.localeCompare(b.local)
        : a.namespace.localeCompare(b.namespace),
    );
  const children: XmlChild[] = [];
  let text: string | null = null;
  const flush = () => {
    if (text !== null) children.push({ type: 'text', value: text });
    text = null;
  };
  for (const child of node[name] as Ordered[]) {
    if ('#text' in child) text = (text ?? '') + String(child['#text']);
    else if ('#cdata' in child)
      text =
        (text ?? '') + (child['#cdata'] as { '#text': string }[]).map((t) => t['#text']).join('');
    else if (elementName(child) !== null) {
      flush();
      children.push({ type: 'element', element: toElement(child, scope) });
    }
  }
  flush();
  const hasElements = children.some((child) => child.type === 'element');
  return {
    namespace: resolve(prefix, false),
    local,
    attributes,
    children: hasElements
      ? children.filter((child) => child.type === 'element' || child.value.trim() !== '')
      : children,
  };
}
