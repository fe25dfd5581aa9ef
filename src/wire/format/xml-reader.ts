import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  createParser,
  decodeText,
  NamespaceScope,
  resolve,
  splitName,
  tagOf,
  XmlNode,
} from './xml-nodes';
import {
  ContractPlan,
  contractRegistry,
  ContractRegistry,
  MemberPlan,
  TypePlan,
} from '@/wire/datacontract/registry';
import { SERIALIZATION_NS, XSD_NS, XSI_NS } from '@/wire/datacontract/wire-types';
import { MalformedBody, ModelStateErrors } from '@/wire/wire-errors';
import { parseDate } from './date-format';
import { DEFAULT_MAX_DEPTH, ReadOptions } from './json-document';
import { completeInstance } from './member-defaults';
import {
  CLR_TYPE_NAMES,
  parseBoolean,
  parseDouble,
  parseGuid,
  parseInt32,
  parseInt64,
} from './scalar-text';

/**
 * DataContractSerializer-compatible XML reader (SPEC 4.5): validated first,
 * parsed without entities or DOCTYPE, namespaces resolved by URI, members read
 * in contract order as DCS reads them, unknown elements ignored, text read
 * exactly. DCS throws at the first problem, so does this reader: the body gets
 * one ModelState entry under the parameter's own key (Web API logs the
 * formatter's exception with an empty path).
 */
export class XmlReader {
  private readonly parsers = new Map<number, XMLParser>();

  constructor(private readonly registry: ContractRegistry = contractRegistry) {}

  read(plan: ContractPlan, text: string, options: ReadOptions): unknown {
    try {
      return this.readDocument(plan, text, options.maxDepth ?? DEFAULT_MAX_DEPTH);
    } catch (error) {
      if (!(error instanceof MalformedBody)) throw error;
      const errors = new ModelStateErrors(options.parameterName);
      errors.add('', error.message);
      return errors.throwIfAny();
    }
  }

  private readDocument(plan: ContractPlan, text: string, maxDepth: number): unknown {
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (/<!DOCTYPE|<!ENTITY/i.test(text))
      throw new MalformedBody('For security reasons DTD is prohibited in this XML document.');
    const validation = XMLValidator.validate(text, { allowBooleanAttributes: false });
    if (validation !== true) {
      const { msg, line, col } = validation.err;
      throw new MalformedBody(`Error in line ${line} position ${col}. ${msg}`);
    }
    let nodes: XmlNode[];
    try {
      nodes = this.parser(maxDepth).parse(text) as XmlNode[];
    } catch (error) {
      throw new MalformedBody(`The XML could not be read: ${(error as Error).message}`);
    }
    const root = nodes.find((node) => {
      const tag = tagOf(node);
      return tag !== undefined && tag[0] !== '#' && tag[0] !== '?';
    });
    if (!root) throw new MalformedBody('Root element is missing.');
    const scope = this.scopeOf(root, null);
    const [prefix, local] = splitName(tagOf(root)!);
    const ns = resolve(scope, prefix);
    if (local !== plan.name || ns !== plan.namespace) {
      throw new MalformedBody(
        `Expecting element '${plan.name}' from namespace '${plan.namespace}'.. Encountered 'Element'  with name '${local}', namespace '${ns ?? ''}'.`,
      );
    }
    if (this.isNil(root, scope)) return null;
    return this.contract(plan, root, scope, new ReadContext(plan));
  }

  private parser(maxDepth: number): XMLParser {
    let parser = this.parsers.get(maxDepth);
    if (!parser) this.parsers.set(maxDepth, (parser = createParser(maxDepth)));
    return parser;
  }

  private scopeOf(node: XmlNode, parent: NamespaceScope | null): NamespaceScope | null {
    const attributes = node[':@'];
    if (!attributes) return parent;
    let scope = parent;
    for (const name in attributes) {
      if (name === 'xmlns') scope = { prefix: '', uri: attributes[name], parent: scope };
      else if (name.startsWith('xmlns:'))
        scope = { prefix: name.slice(6), uri: attributes[name], parent: scope };
    }
    return scope;
  }

  /** An attribute in the XMLSchema-instance namespace, whatever its prefix. */
  private xsiAttribute(
    node: XmlNode,
    scope: NamespaceScope | null,
    local: string,
  ): string | undefined {
    const attributes = node[':@'];
    if (!attributes) return undefined;
    for (const name in attributes) {
      const [prefix, attributeLocal] = splitName(name);
      if (attributeLocal === local && prefix !== '' && resolve(scope, prefix) === XSI_NS)
        return attributes[name];
    }
    return undefined;
  }

  private isNil(node: XmlNode, scope: NamespaceScope | null): boolean {
    const nil = this.xsiAttribute(node, scope, 'nil');
    return nil !== undefined && (nil.trim() === 'true' || nil.trim() === '1');
  }

  private children(node: XmlNode): XmlNode[] {
    return node[tagOf(node)!] as XmlNode[];
  }

  private textOf(node: XmlNode): string {
    let text = '';
    for (const child of this.children(node)) {
      if ('#text' in child) text += decodeText(String(child['#text']));
      else if ('#cdata' in child)
        for (const part of child['#cdata'] as XmlNode[]) text += String(part['#text'] ?? '');
      else
        throw new MalformedBody(
          `Element '${tagOf(node)}' cannot contain element '${tagOf(child)}'.`,
        );
    }
    return text;
  }

  /**
   * DCS's class reader: each element is looked up among the members AFTER the
   * last one read, so a member that comes after a later one (or a second copy)
   * is skipped like an unknown element; reaching past a required member that
   * was not read, or the end with one unread, fails.
   */
  private contract(
    plan: ContractPlan,
    node: XmlNode,
    scope: NamespaceScope | null,
    context: ReadContext,
  ) {
    if (plan.collection) {
      const { item } = plan.collection;
      const collection = new plan.cls() as unknown[];
      const items = this.items(
        item,
        plan.collection.itemName,
        plan.namespace,
        node,
        scope,
        context,
      );
      for (const value of items) collection.push(value);
      return collection;
    }
    const instance = new plan.cls() as Record<string, unknown>;
    const members = plan.xmlMembers;
    const seen = new Set<MemberPlan>();
    let memberIndex = -1;
    let requiredIndex = nextRequired(members, 0);
    for (const child of this.children(node)) {
      const tag = tagOf(child);
      if (tag === undefined || tag[0] === '#') continue;
      const childScope = this.scopeOf(child, scope);
      const [prefix, local] = splitName(tag);
      const ns = resolve(childScope, prefix);
      let index = memberIndex + 1;
      while (
        index < members.length &&
        (members[index].xmlName !== local || members[index].declaringNamespace !== ns)
      )
        index++;
      if (index === members.length) continue;
      if (requiredIndex < index)
        throw requiredMissing(members, memberIndex, requiredIndex, 'Element', local, ns ?? '');
      const member = members[index];
      seen.add(member);
      const value = this.value(member, member.type, child, childScope, context);
      if (!member.readOnly) instance[member.property] = value;
      memberIndex = index;
      requiredIndex = nextRequired(members, index + 1);
    }
    if (requiredIndex < members.length) {
      const [, local] = splitName(tagOf(node)!);
      throw requiredMissing(
        members,
        memberIndex,
        requiredIndex,
        'EndElement',
        local,
        plan.namespace,
      );
    }
    // every required member was read by now (the walk above throws otherwise)
    completeInstance(plan, instance, seen, () => undefined);
    return instance;
  }

  private value(
    member: MemberPlan | null,
    type: TypePlan,
    node: XmlNode,
    scope: NamespaceScope | null,
    context: ReadContext,
  ): unknown {
    if (this.isNil(node, scope)) {
      if ((member !== null && member.nullable) || !isValueType(type)) return null;
      throw new MalformedBody(`ValueType '${clrTypeName(type)}' cannot be null.`);
    }
    switch (type.kind) {
      case 'contract':
        return this.contract(type.contract, node, scope, context);
      case 'list':
        return this.items(type.item, type.itemXmlName, type.itemNamespace, node, scope, context);
      case 'object':
        return this.untyped(node, scope, context);
      default:
        return this.scalar(type, this.textOf(node), context);
    }
  }

  /** Collection items: elements of another name or namespace (`<d2p1:long>` in a `List<int>`) are skipped. */
  private items(
    item: TypePlan,
    itemName: string,
    ns: string,
    node: XmlNode,
    scope: NamespaceScope | null,
    context: ReadContext,
  ) {
    const values: unknown[] = [];
    for (const child of this.children(node)) {
      const tag = tagOf(child);
      if (tag === undefined || tag[0] === '#') continue;
      const childScope = this.scopeOf(child, scope);
      const [prefix, local] = splitName(tag);
      if (local !== itemName || resolve(childScope, prefix) !== ns) continue;
      values.push(this.value(null, item, child, childScope, context));
    }
    return values;
  }

  private scalar(type: TypePlan, text: string, context: ReadContext): unknown {
    let value: unknown;
    switch (type.kind) {
      case 'string':
        return text;
      case 'int':
        value = parseInt32(text);
        break;
      case 'long':
        value = parseInt64(text);
        break;
      case 'double':
        value = parseDouble(text);
        break;
      case 'bool':
        value = parseBoolean(text, true);
        break;
      case 'guid':
        value = parseGuid(text);
        break;
      case 'date':
        value = parseDate(text) ?? undefined;
        break;
      case 'enum':
        value = type.valueOf.get(text.trim());
        break;
    }
    if (value !== undefined) return value;
    const typeName = type.kind === 'enum' ? type.name : clrTypeName(type).replace(/^System\./, '');
    throw new MalformedBody(
      `There was an error deserializing the object of type ${context.rootTypeName}. The value '${text.slice(0, 100)}' cannot be parsed as the type '${typeName}'.`,
    );
  }

  /** A .NET `object` member: `i:type` says what it holds; without it, a bare `object`. */
  private untyped(node: XmlNode, scope: NamespaceScope | null, context: ReadContext): unknown {
    const qualified = this.xsiAttribute(node, scope, 'type');
    if (qualified === undefined) return {};
    const [prefix, local] = splitName(qualified.trim());
    const ns = resolve(scope, prefix);
    if (ns === XSD_NS || ns === SERIALIZATION_NS) {
      const kind = XSD_KINDS[local];
      if (kind) return this.scalar({ kind } as TypePlan, this.textOf(node), context);
    } else if (ns !== undefined) {
      const cls = this.registry.classByQualifiedName(ns, local);
      if (cls) return this.contract(this.registry.plan(cls), node, scope, context);
    }
    throw new MalformedBody(
      `Element '${tagOf(node)}' contains data of the '${qualified}' data contract, which is not known.`,
    );
  }
}

/** What error messages need to know about the document being read. */
class ReadContext {
  /** The root's CLR type name as DCS prints it (`Model.Dto.UsuarioDto`). */
  readonly rootTypeName: string;

  constructor(root: ContractPlan) {
    const clrNamespace = root.namespace.startsWith(DATA_CONTRACT_NS_PREFIX)
      ? root.namespace.slice(DATA_CONTRACT_NS_PREFIX.length)
      : '';
    this.rootTypeName = clrNamespace ? `${clrNamespace}.${root.name}` : root.name;
  }
}

const DATA_CONTRACT_NS_PREFIX = 'http://schemas.datacontract.org/2004/07/';

function nextRequired(members: MemberPlan[], from: number): number {
  let index = from;
  while (index < members.length && !members[index].required) index++;
  return index;
}

/** DCS's RequiredMemberMustBeProvided text: what it met, and the members it still expected up to the required one. */
function requiredMissing(
  members: MemberPlan[],
  memberIndex: number,
  requiredIndex: number,
  nodeType: 'Element' | 'EndElement',
  local: string,
  ns: string,
): MalformedBody {
  const expected = members
    .slice(memberIndex + 1, requiredIndex + 1)
    .map((m) => m.xmlName)
    .join(' | ');
  return new MalformedBody(
    `'${nodeType}' '${local}' from namespace '${ns}' is not expected. Expecting element '${expected}'.`,
  );
}

function clrTypeName(type: TypePlan): string {
  if (type.kind === 'enum') return type.name;
  if (type.kind === 'contract') return type.contract.name;
  return CLR_TYPE_NAMES[type.kind] ?? type.kind;
}

const XSD_KINDS: Record<string, TypePlan['kind']> = {
  string: 'string',
  int: 'int',
  short: 'int',
  byte: 'int',
  unsignedByte: 'int',
  unsignedShort: 'int',
  long: 'long',
  unsignedInt: 'long',
  boolean: 'bool',
  double: 'double',
  float: 'double',
  decimal: 'double',
  dateTime: 'date',
  guid: 'guid',
};

function isValueType(type: TypePlan): boolean {
  return (
    type.kind !== 'string' &&
    type.kind !== 'contract' &&
    type.kind !== 'list' &&
    type.kind !== 'object'
  );
}
