import {
  ContractPlan,
  contractRegistry,
  ContractRegistry,
  TypePlan,
} from '@/wire/datacontract/registry';
import { DateStyle, WriteContext, XSD_NS, XSI_NS } from '@/wire/datacontract/wire-types';
import { formatDate } from './date-format';
import { xmlText } from './xml-escape';

/** Namespace declarations in scope, innermost first (a tiny linked list: depth is small). */
interface Scope {
  readonly ns: string;
  readonly prefix: string;
  readonly parent: Scope | null;
}

function prefixOf(scope: Scope | null, ns: string): string | undefined {
  for (let s = scope; s !== null; s = s.parent) if (s.ns === ns) return s.prefix;
  return undefined;
}

/** .NET `XmlConvert.ToString(double)`: `1`, `1.5`, `1E+21`. */
function xmlDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'INF' : '-INF';
  return String(value).replace('e', 'E');
}

/**
 * DataContractSerializer-compatible writer (SPEC 4.5) over precompiled plans:
 * member order and tag strings are computed once per contract and prefix;
 * a write is string concatenation with no DOM.
 */
export class XmlWriter {
  constructor(private readonly registry: ContractRegistry = contractRegistry) {}

  write(plan: ContractPlan, value: unknown, context: WriteContext): string {
    const head = '<' + plan.name + ' xmlns:i="' + XSI_NS + '" xmlns="' + plan.namespace + '"';
    if (value === null || value === undefined) return head + ' i:nil="true" />';
    const scope: Scope = {
      ns: XSI_NS,
      prefix: 'i',
      parent: { ns: plan.namespace, prefix: '', parent: null },
    };
    const inner = this.body(plan, value, 1, scope, context);
    return inner === '' ? head + ' />' : head + '>' + inner + '</' + plan.name + '>';
  }

  /** The children of an element at `depth` holding a contract value. */
  private body(
    plan: ContractPlan,
    value: unknown,
    depth: number,
    scope: Scope,
    context: WriteContext,
  ): string {
    if (plan.collection) {
      const { itemName, item } = plan.collection;
      return this.items(
        item,
        itemName,
        plan.namespace,
        value as unknown[],
        'local',
        depth,
        scope,
        context,
      );
    }
    const tags = this.tags(plan, prefixOf(scope, plan.namespace) ?? '');
    const source = value as Record<string, unknown>;
    const members = plan.xmlMembers;
    let out = '';
    for (let i = 0; i < members.length; i++) {
      const member = members[i];
      const memberValue = member.computed
        ? member.computed(source as never, context)
        : source[member.property];
      let attributes = '';
      let memberScope = scope;
      const childNs = member.childNamespace;
      if (childNs !== null && prefixOf(scope, childNs) === undefined) {
        const prefix = 'd' + (depth + 1) + 'p1';
        attributes = ' xmlns:' + prefix + '="' + childNs + '"';
        memberScope = { ns: childNs, prefix, parent: scope };
      }
      out += this.element(
        tags.open[i],
        tags.close[i],
        attributes,
        member.type,
        memberValue,
        member.xmlDateStyle,
        depth + 1,
        memberScope,
        context,
      );
    }
    return out;
  }

  private tags(plan: ContractPlan, prefix: string) {
    let tags = plan.xmlTags.get(prefix);
    if (!tags) {
      const qualifier = prefix === '' ? '' : prefix + ':';
      tags = {
        open: plan.xmlMembers.map((m) => '<' + qualifier + m.xmlName),
        close: plan.xmlMembers.map((m) => '</' + qualifier + m.xmlName + '>'),
      };
      plan.xmlTags.set(prefix, tags);
    }
    return tags;
  }

  private element(
    open: string,
    close: string,
    attributes: string,
    type: TypePlan,
    value: unknown,
    dateStyle: DateStyle,
    depth: number,
    scope: Scope,
    context: WriteContext,
  ): string {
    if (value === null || value === undefined) return open + attributes + ' i:nil="true" />';
    let text: string;
    switch (type.kind) {
      case 'string':
        text = xmlText(typeof value === 'string' ? value : String(value));
        break;
      case 'int':
      case 'long':
        text = String(value);
        break;
      case 'double':
        text = xmlDouble(value as number);
        break;
      case 'bool':
        text = value ? 'true' : 'false';
        break;
      case 'guid':
        text = (value as string).toLowerCase();
        break;
      case 'date':
        text = formatDate(value as Date, dateStyle, context.timeZone);
        break;
      case 'enum':
        text =
          typeof value === 'number' ? (type.nameOf.get(value) ?? String(value)) : String(value);
        break;
      case 'contract': {
        const inner = this.body(type.contract, value, depth, scope, context);
        return inner === '' ? open + attributes + ' />' : open + attributes + '>' + inner + close;
      }
      case 'list': {
        const inner = this.items(
          type.item,
          type.itemXmlName,
          type.itemNamespace,
          value as unknown[],
          dateStyle,
          depth,
          scope,
          context,
        );
        return inner === '' ? open + attributes + ' />' : open + attributes + '>' + inner + close;
      }
      case 'object':
        return this.untyped(open, close, attributes, value, depth, scope, context);
    }
    return open + attributes + '>' + text + close;
  }

  private items(
    item: TypePlan,
    itemName: string,
    itemNamespace: string,
    values: unknown[],
    dateStyle: DateStyle,
    depth: number,
    scope: Scope,
    context: WriteContext,
  ): string {
    const prefix = prefixOf(scope, itemNamespace) ?? '';
    const qualified = prefix === '' ? itemName : prefix + ':' + itemName;
    const open = '<' + qualified;
    const close = '</' + qualified + '>';
    let out = '';
    for (let i = 0; i < values.length; i++) {
      out += this.element(open, close, '', item, values[i], dateStyle, depth + 1, scope, context);
    }
    return out;
  }

  /** A .NET `object` member: `i:type` names the runtime type (SPEC 4.5). */
  private untyped(
    open: string,
    close: string,
    attributes: string,
    value: unknown,
    depth: number,
    scope: Scope,
    context: WriteContext,
  ): string {
    let xsdType: string;
    let text: string;
    switch (typeof value) {
      case 'string':
        xsdType = 'string';
        text = xmlText(value);
        break;
      case 'boolean':
        xsdType = 'boolean';
        text = value ? 'true' : 'false';
        break;
      case 'number':
        xsdType = Number.isInteger(value)
          ? value >= -2147483648 && value <= 2147483647
            ? 'int'
            : 'long'
          : 'double';
        text = xsdType === 'double' ? xmlDouble(value) : String(value);
        break;
      case 'bigint':
        xsdType = 'long';
        text = String(value);
        break;
      default: {
        if (value instanceof Date) {
          xsdType = 'dateTime';
          text = formatDate(value, 'local', context.timeZone);
          break;
        }
        const plan = this.registry.planOfValue(value);
        if (!plan) {
          if (typeof value === 'object' && !Array.isArray(value)) return open + attributes + ' />'; // `new object()`
          throw new TypeError('An object-typed member holds a value with no contract');
        }
        const [typeAttributes, innerScope] = this.typeAttribute(
          plan.namespace,
          plan.name,
          attributes,
          depth,
          scope,
        );
        const inner = this.body(plan, value, depth, innerScope, context);
        return inner === ''
          ? open + typeAttributes + ' />'
          : open + typeAttributes + '>' + inner + close;
      }
    }
    const [typeAttributes] = this.typeAttribute(XSD_NS, xsdType, attributes, depth, scope);
    return open + typeAttributes + '>' + text + close;
  }

  /** `xmlns:dNpM="ns" i:type="dNpM:name"`, reusing a prefix already in scope. */
  private typeAttribute(
    ns: string,
    name: string,
    attributes: string,
    depth: number,
    scope: Scope,
  ): [string, Scope] {
    const known = prefixOf(scope, ns);
    if (known !== undefined)
      return [attributes + ' i:type="' + (known === '' ? name : known + ':' + name) + '"', scope];
    const prefix = 'd' + depth + 'p' + (attributes === '' ? 1 : 2);
    return [
      attributes + ' xmlns:' + prefix + '="' + ns + '" i:type="' + prefix + ':' + name + '"',
      { ns, prefix, parent: scope },
    ];
  }
}
