import {
  ContractPlan,
  contractRegistry,
  ContractRegistry,
  TypePlan,
} from '@/wire/datacontract/registry';
import { DateStyle, WriteContext } from '@/wire/datacontract/wire-types';
import { formatDate } from './date-format';

/** Characters Newtonsoft.Json 6 escapes by default (SPEC 4.3); `<`, `>`, `&`, `'` stay raw. */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u0085\u2028\u2029]/;
const SHORT_ESCAPES: Record<number, string> = {
  8: '\\b',
  9: '\\t',
  10: '\\n',
  12: '\\f',
  13: '\\r',
  34: '\\"',
  92: '\\\\',
};

export function jsonString(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return '"' + text + '"';
  let out = '"';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (
      code >= 0x20 &&
      code !== 34 &&
      code !== 92 &&
      code !== 0x85 &&
      code !== 0x2028 &&
      code !== 0x2029
    )
      continue;
    out +=
      text.slice(start, i) + (SHORT_ESCAPES[code] ?? '\\u' + code.toString(16).padStart(4, '0'));
    start = i + 1;
  }
  return out + text.slice(start) + '"';
}

/** .NET `double` prints integral values with `.0` and exponents with `E`. */
function doubleJson(value: number): string {
  if (!Number.isFinite(value)) return jsonString(String(value));
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return value + '.0';
  return String(value).replace('e', 'E');
}

/**
 * Newtonsoft-compatible JSON writer driven by precompiled contract plans:
 * plain string concatenation, no intermediate objects.
 */
export class JsonWriter {
  constructor(private readonly registry: ContractRegistry = contractRegistry) {}

  write(plan: ContractPlan, value: unknown, context: WriteContext): string {
    if (value === null || value === undefined) return 'null';
    return this.contract(plan, value, context);
  }

  private contract(plan: ContractPlan, value: unknown, context: WriteContext): string {
    if (plan.collection)
      return this.list(plan.collection.item, value as unknown[], 'local', context);
    const source = value as Record<string, unknown>;
    let out = '{';
    let first = true;
    const members = plan.jsonMembers;
    for (let i = 0; i < members.length; i++) {
      const member = members[i];
      const memberValue = member.computed
        ? member.computed(source as never, context)
        : source[member.property];
      if (memberValue === null || memberValue === undefined) {
        if (member.jsonIgnoreNull) continue;
        out += (first ? '' : ',') + member.jsonKey + 'null';
      } else {
        out +=
          (first ? '' : ',') +
          member.jsonKey +
          this.value(member.type, memberValue, member.jsonDateStyle, context);
      }
      first = false;
    }
    return out + '}';
  }

  private value(
    type: TypePlan,
    value: unknown,
    dateStyle: DateStyle,
    context: WriteContext,
  ): string {
    switch (type.kind) {
      case 'string':
        return jsonString(typeof value === 'string' ? value : String(value));
      case 'int':
      case 'long':
        return String(value);
      case 'double':
        return doubleJson(value as number);
      case 'bool':
        return value ? 'true' : 'false';
      case 'guid':
        return '"' + (value as string).toLowerCase() + '"';
      case 'date':
        return '"' + formatDate(value as Date, dateStyle, context.timeZone) + '"';
      case 'enum':
        return typeof value === 'number'
          ? String(value)
          : String(type.valueOf.get(value as string) ?? 0);
      case 'contract':
        return this.contract(type.contract, value, context);
      case 'list':
        return this.list(type.item, value as unknown[], dateStyle, context);
      case 'object':
        return this.untyped(value, context, 0);
    }
  }

  private list(
    item: TypePlan,
    values: unknown[],
    dateStyle: DateStyle,
    context: WriteContext,
  ): string {
    let out = '[';
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (i > 0) out += ',';
      out +=
        value === null || value === undefined
          ? 'null'
          : this.value(item, value, dateStyle, context);
    }
    return out + ']';
  }

  /** A .NET `object` member: its runtime value decides. */
  private untyped(value: unknown, context: WriteContext, depth: number): string {
    if (depth > 64) throw new RangeError('Value nested too deeply');
    if (value === null || value === undefined) return 'null';
    switch (typeof value) {
      case 'string':
        return jsonString(value);
      case 'number':
        return Number.isInteger(value) ? String(value) : doubleJson(value);
      case 'bigint':
        return String(value);
      case 'boolean':
        return value ? 'true' : 'false';
    }
    if (value instanceof Date) return '"' + formatDate(value, 'local', context.timeZone) + '"';
    const plan = this.registry.planOfValue(value);
    if (plan) return this.contract(plan, value, context);
    if (Array.isArray(value))
      return '[' + value.map((v) => this.untyped(v, context, depth + 1)).join(',') + ']';
    if (typeof value === 'object') {
      const parts: string[] = [];
      for (const [key, v] of Object.entries(value)) {
        if (v !== undefined)
          parts.push(jsonString(key) + ':' + this.untyped(v, context, depth + 1));
      }
      return '{' + parts.join(',') + '}';
    }
    throw new TypeError(`Cannot write a ${typeof value} as JSON`);
  }
}
