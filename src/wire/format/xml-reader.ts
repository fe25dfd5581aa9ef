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
} from '@/wire/contracts/registry';
import { SERIALIZATION_NS, XSD_NS, XSI_NS } from '@/wire/contracts/wire-types';
import { MalformedBody, ModelStateErrors } from '@/wire/wire-errors';
import { parseDate } from './date-format';
import { DEFAULT_MAX_DEPTH, ReadOptions } from './json-reader';
import { completeInstance, joinPath } from './member-defaults';
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
 * parsed without entities or DOCTYPE, namespaces resolved by URI, elements
 * in any order, unknown elements ignored, text read exactly.
 */
export class XmlReader {
  private readonly parsers = new Map<number, XMLParser>();

  constructor(private readonly registry: ContractRegistry = contractRegistry) {}

  read(plan: ContractPlan, text: string, options: ReadOptions): unknown {
    const errors = new ModelStateErrors(options.parameterName);
    try {
      const instance = this.readDocument(plan, text, options.maxDepth ?? DEFAULT_MAX_DEPTH, errors);
      errors.throwIfAny();
      return instance;
    } catch (error) {
      if (!(error instanceof MalformedBody)) throw error;
      errors.add(error.path, error.message);
      errors.throwIfAny();
      throw error;
    }
  }

  private readDocument(
    plan: ContractPlan,
    text: string,
    maxDepth: number,
    errors: ModelStateErrors,
  ): unknown {
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
    return this.contract(plan, root, scope, '', errors);
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

  private contract(
    plan: ContractPlan,
    node: XmlNode,
    scope: NamespaceScope | null,
    path: string,
    errors: ModelStateErrors,
  ) {
    if (plan.collection) {
      const { item } = plan.collection;
      const collection = new plan.cls() as unknown[];
      for (const value of this.items(item, plan.namespace, node, scope, path, errors))
        collection.push(value);
      return collection;
    }
    const instance = new plan.cls() as Record<string, unknown>;
    const seen = new Set<MemberPlan>();
    for (const child of this.children(node)) {
      const tag = tagOf(child);
      if (tag === undefined || tag[0] === '#') continue;
      const childScope = this.scopeOf(child, scope);
      const [prefix, local] = splitName(tag);
      if (resolve(childScope, prefix) !== plan.namespace) continue;
      const member = plan.xmlByName.get(local);
      if (!member || member.readOnly || seen.has(member)) continue;
      seen.add(member);
      instance[member.property] = this.value(
        member,
        member.type,
        child,
        childScope,
        joinPath(path, member.xmlName),
        errors,
      );
    }
    completeInstance(plan, instance, seen, path, errors, (m) => m.xmlName, 'XML');
    return instance;
  }

  private value(
    member: MemberPlan | null,
    type: TypePlan,
    node: XmlNode,
    scope: NamespaceScope | null,
    path: string,
    errors: ModelStateErrors,
  ): unknown {
    if (this.isNil(node, scope)) {
      if (member === null || member.nullable || !isValueType(type)) return null;
      errors.add(path, `The value of '${path}' cannot be null.`);
      return null;
    }
    switch (type.kind) {
      case 'contract':
        return this.contract(type.contract, node, scope, path, errors);
      case 'list':
        return this.items(type.item, type.itemNamespace, node, scope, path, errors);
      case 'object':
        return this.untyped(node, scope, path, errors);
      default:
        return this.scalar(type, this.textOf(node), path, errors);
    }
  }

  private items(
    item: TypePlan,
    ns: string,
    node: XmlNode,
    scope: NamespaceScope | null,
    path: string,
    errors: ModelStateErrors,
  ) {
    const values: unknown[] = [];
    for (const child of this.children(node)) {
      const tag = tagOf(child);
      if (tag === undefined || tag[0] === '#') continue;
      const childScope = this.scopeOf(child, scope);
      if (resolve(childScope, splitName(tag)[0]) !== ns) continue;
      values.push(this.value(null, item, child, childScope, `${path}[${values.length}]`, errors));
    }
    return values;
  }

  private scalar(type: TypePlan, text: string, path: string, errors: ModelStateErrors): unknown {
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
    const typeName = type.kind === 'enum' ? type.name : (CLR_TYPE_NAMES[type.kind] ?? type.kind);
    errors.add(
      path,
      `The value '${text.slice(0, 100)}' cannot be parsed as the type '${typeName}'.`,
    );
    return null;
  }

  /** A .NET `object` member: `i:type` says what it holds; without it, a bare `object`. */
  private untyped(
    node: XmlNode,
    scope: NamespaceScope | null,
    path: string,
    errors: ModelStateErrors,
  ): unknown {
    const qualified = this.xsiAttribute(node, scope, 'type');
    if (qualified === undefined) return {};
    const [prefix, local] = splitName(qualified.trim());
    const ns = resolve(scope, prefix);
    if (ns === XSD_NS || ns === SERIALIZATION_NS) {
      const kind = XSD_KINDS[local];
      if (kind) return this.scalar({ kind } as TypePlan, this.textOf(node), path, errors);
    } else if (ns !== undefined) {
      const cls = this.registry.classByQualifiedName(ns, local);
      if (cls) return this.contract(this.registry.plan(cls), node, scope, path, errors);
    }
    errors.add(
      path,
      `Element '${path}' contains data of the '${qualified}' data contract, which is not known.`,
    );
    return null;
  }
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
