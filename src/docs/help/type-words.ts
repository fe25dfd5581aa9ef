import { ContractClass, contractRegistry, MemberPlan, TypePlan } from '@/wire';

/** A type as the ASP.NET Help Page names it; `model` links to its ResourceModel page. */
export interface TypeWord {
  prefix: string;
  text: string;
  model: string | null;
}

/** ASP.NET `ModelDescriptionGenerator.DefaultTypeDocumentation`, for our scalar kinds. */
const SIMPLE: Record<string, string> = {
  string: 'string',
  int: 'integer',
  long: 'integer',
  double: 'decimal number',
  bool: 'boolean',
  guid: 'globally unique identifier',
  date: 'date',
};

/**
 * `int?` is `integer`; `List<T>` is `Collection of T`; a non-generic
 * collection class (`PropertyCollection : List<Property>`) is
 * `Collection of Object`, as ASP.NET falls back to `IEnumerable`; enums and
 * contracts by name, linked; `object` is `Object`.
 */
export function typeWord(type: TypePlan): TypeWord {
  switch (type.kind) {
    case 'enum':
      return { prefix: '', text: type.name, model: null };
    case 'contract': {
      const plan = type.contract;
      if (plan.collection) return { prefix: 'Collection of ', text: 'Object', model: null };
      return { prefix: '', text: plan.name, model: plan.name };
    }
    case 'list': {
      const item = typeWord(type.item);
      return { ...item, prefix: 'Collection of ' + item.prefix };
    }
    case 'object':
      return { prefix: '', text: 'Object', model: null };
    default:
      return { prefix: '', text: SIMPLE[type.kind] ?? type.kind, model: null };
  }
}

/** One row of a resource description table. */
export interface MemberRow {
  name: string;
  description: string;
  type: TypeWord;
  /** "Additional information": `Required`, or none (shown as `None.`). */
  annotations: string[];
}

/**
 * A contract's members as ASP.NET lists them: every CLR property in
 * reflection order (a derived class's own first), under its DataMember name.
 */
export function memberRows(contract: ContractClass): MemberRow[] {
  return contractRegistry.plan(contract).allMembers.map((member: MemberPlan) => ({
    name: member.xmlName,
    description: member.description ?? '',
    type: typeWord(member.type),
    annotations: member.required ? ['Required'] : [],
  }));
}
