import { ContractPlan, ContractRegistry, TypePlan } from '@/wire/datacontract/registry';
import { WireFormat } from '@/wire/datacontract/wire-types';

/** An `object` member's value in a vector: `{"$type": "Int32", "value": 3}`. */
interface TypedValue {
  $type: string;
  value?: unknown;
}

const XSD_BY_TYPE: Record<string, (value: unknown) => unknown> = {
  Int32: (v) => v,
  Int64: (v) => v,
  Int16: (v) => v,
  Byte: (v) => v,
  Double: (v) => v,
  Decimal: (v) => v,
  Single: (v) => v,
  String: (v) => v,
  Boolean: (v) => v,
  Guid: (v) => v,
  DateTime: (v) => new Date(v as string),
  Object: () => ({}),
};

/**
 * Converts between a conformance vector's `values` (CLR property names,
 * ISO dates, enum names, `$type`-tagged objects; see conformance/README.md)
 * and contract instances.
 */
export class VectorValues {
  constructor(
    private readonly registry: ContractRegistry,
    /** Writes a contract value as JSON, for comparing `object` members read back from JSON. */
    private readonly jsonOf: (plan: ContractPlan, value: unknown) => string = () => 'null',
  ) {}

  toInstance(plan: ContractPlan, values: unknown): unknown {
    if (values === null || values === undefined) return null;
    if (plan.collection) {
      const collection = new plan.cls() as unknown[];
      for (const item of values as unknown[])
        collection.push(this.value(plan.collection.item, item));
      return collection;
    }
    if (typeof values !== 'object' || Array.isArray(values))
      throw new Error(`values of ${plan.name} must be an object`);
    const source = values as Record<string, unknown>;
    const instance = new plan.cls() as Record<string, unknown>;
    for (const member of plan.allMembers) {
      if (member.readOnly) continue;
      instance[member.property] = this.value(member.type, source[member.property]);
    }
    return instance;
  }

  private value(type: TypePlan, raw: unknown): unknown {
    if (raw === null || raw === undefined) return null;
    switch (type.kind) {
      case 'date':
        return new Date(raw as string);
      case 'guid':
        return String(raw).toLowerCase();
      case 'enum':
        if (typeof raw === 'number') return raw;
        if (!type.valueOf.has(raw as string))
          throw new Error(`unknown ${type.name} member ${String(raw)}`);
        return type.valueOf.get(raw as string);
      case 'contract':
        return this.toInstance(type.contract, raw);
      case 'list':
        return (raw as unknown[]).map((item) => this.value(type.item, item));
      case 'object':
        return this.untyped(raw as TypedValue);
      default:
        return raw;
    }
  }

  private untyped(raw: TypedValue): unknown {
    if (typeof raw !== 'object' || raw === null || typeof raw.$type !== 'string')
      throw new Error('an object-typed member needs {"$type", "value"}');
    const primitive = XSD_BY_TYPE[raw.$type];
    if (primitive) return raw.value === null ? null : primitive(raw.value);
    const cls = this.registry.classByName(raw.$type);
    if (!cls) throw new Error(`unknown contract ${raw.$type}`);
    return this.toInstance(this.registry.plan(cls), raw.value);
  }

  /**
   * An instance back to vector form: settable members only, and with `format`
   * only those that format carries (JSON `object` members as the JSON they hold,
   * since JSON has no runtime type).
   */
  fromInstance(plan: ContractPlan, instance: unknown, format?: WireFormat): unknown {
    if (instance === null || instance === undefined) return null;
    if (plan.collection) {
      const item = plan.collection.item;
      return (instance as unknown[]).map((value) => this.plain(item, value, format));
    }
    const source = instance as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const member of plan.allMembers) {
      if (member.readOnly) continue;
      if (format === 'json' && !member.inJson) continue;
      if (format === 'xml' && !member.inXml) continue;
      const value = this.plain(member.type, source[member.property], format);
      // JSON dates in `utc-seconds` carry no fraction: compare what the format carries.
      out[member.property] =
        format === 'json' && member.jsonDateStyle === 'utc-seconds' && typeof value === 'string'
          ? value.replace(/\.\d{3}Z$/, '.000Z')
          : value;
    }
    return out;
  }

  private plain(type: TypePlan, value: unknown, format: WireFormat | undefined): unknown {
    if (value === null || value === undefined) return null;
    switch (type.kind) {
      case 'date':
        return (value as Date).toISOString();
      case 'enum':
        return type.nameOf.get(value as number) ?? value;
      case 'contract':
        return this.fromInstance(type.contract, value, format);
      case 'list':
        return (value as unknown[]).map((item) => this.plain(type.item, item, format));
      case 'object':
        return this.typed(value, format);
      default:
        return value;
    }
  }

  private typed(value: unknown, format: WireFormat | undefined): TypedValue {
    const plan = this.registry.planOfValue(value);
    if (format === 'json') {
      if (plan) return { $type: 'JSON', value: JSON.parse(this.jsonOf(plan, value)) };
      if (typeof value === 'object')
        return { $type: 'JSON', value: JSON.parse(JSON.stringify(value)) };
    }
    if (plan) return { $type: plan.name, value: this.fromInstance(plan, value, format) };
    switch (typeof value) {
      case 'string':
        return { $type: 'String', value };
      case 'boolean':
        return { $type: 'Boolean', value };
      case 'number':
        if (!Number.isInteger(value)) return { $type: 'Double', value };
        return { $type: value >= -2147483648 && value <= 2147483647 ? 'Int32' : 'Int64', value };
    }
    if (value instanceof Date) return { $type: 'DateTime', value: value.toISOString() };
    return { $type: 'Object' };
  }
}
