import { createHash } from 'node:crypto';
import { ContractClass, contractRegistry, MemberPlan, parseDate, TypePlan } from '@/wire';

/**
 * The instant every sample date holds. ASP.NET used `DateTime.Now`; a fixed
 * instant (seed 000's, with its 7 fraction digits) keeps the Help pages stable
 * and lets tests rebuild the very same sample.
 */
export const SAMPLE_INSTANT = parseDate('2026-01-13T11:55:51.3021511Z')!;

/** ASP.NET `ObjectGenerator.DefaultCollectionSize`. */
const COLLECTION_SIZE = 2;

/**
 * ASP.NET's `SimpleTypeObjectGenerator`: one counter per generator, bumped for
 * every simple value it makes (`sample string 2`, `3`, ...).
 */
class SimpleValues {
  private index = 0;

  constructor(private readonly path: string) {}

  next(type: TypePlan): unknown {
    const index = ++this.index;
    switch (type.kind) {
      case 'string':
        return `sample string ${index}`;
      case 'int':
      case 'long':
        return index;
      case 'double':
        return index + 0.1;
      case 'bool':
        return true;
      case 'guid':
        return sampleGuid(`${this.path}#${index}`);
      case 'date':
        return SAMPLE_INSTANT;
      default:
        return null;
    }
  }
}

/** `Guid.NewGuid()`, made deterministic: a version-4-shaped GUID derived from where it sits. */
export function sampleGuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const SIMPLE_KINDS = new Set(['string', 'int', 'long', 'double', 'bool', 'guid', 'date']);

/** A member .NET could set: a field, or an accessor with a setter (getter-only members are skipped). */
function isWritable(cls: ContractClass, member: MemberPlan): boolean {
  for (let proto = cls.prototype as object | null; proto; proto = Object.getPrototypeOf(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, member.property);
    if (descriptor) return descriptor.set !== undefined || descriptor.writable === true;
  }
  return true;
}

/**
 * Builds sample instances the way ASP.NET Help Page's `ObjectGenerator` does:
 * CLR members in declaration order (a derived class's own first), a fresh
 * counter per object, nullable value types from a fresh counter (hence `1`),
 * collections of two items, enums at their first value, `object` as an empty
 * object, and one shared instance per contract type within a sample.
 */
export class SampleGenerator {
  private readonly created = new Map<ContractClass, unknown>();

  static build<T>(contract: ContractClass<T>): T {
    return new SampleGenerator().contract(contract, contractRegistry.plan(contract).name) as T;
  }

  private contract(cls: ContractClass, path: string): unknown {
    const existing = this.created.get(cls);
    if (existing) return existing;
    const plan = contractRegistry.plan(cls);
    if (plan.collection) return this.collection(plan.collection.item, path, cls);
    const instance = new cls() as Record<string, unknown>;
    this.created.set(cls, instance);
    const values = new SimpleValues(path);
    for (const member of plan.allMembers) {
      if (!isWritable(cls, member)) continue;
      instance[member.property] = this.value(
        member.type,
        member.nullable,
        values,
        `${path}.${member.property}`,
      );
    }
    return instance;
  }

  private value(type: TypePlan, nullable: boolean, values: SimpleValues, path: string): unknown {
    if (SIMPLE_KINDS.has(type.kind)) {
      return nullable ? new SimpleValues(path).next(type) : values.next(type);
    }
    switch (type.kind) {
      case 'enum':
        return Math.min(...type.nameOf.keys());
      case 'contract':
        return this.contract(type.contract.cls, path);
      case 'list':
        return this.collection(type.item, path, null);
      case 'object':
        return {};
      default:
        return null;
    }
  }

  private collection(item: TypePlan, path: string, cls: ContractClass | null): unknown[] {
    const list: unknown[] = cls ? (new cls() as unknown[]) : [];
    const values = new SimpleValues(path);
    for (let i = 0; i < COLLECTION_SIZE; i++) list.push(this.value(item, false, values, path));
    return list;
  }
}
