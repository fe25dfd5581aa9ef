import {
  ContractDeclaration,
  declarationOf,
  DeclaredMember,
  onContractDeclared,
  allDeclaredClasses,
} from './decorators';
import {
  ARRAYS_NS,
  ContractClass,
  DateStyle,
  EnumObject,
  ScalarKind,
  WireType,
  WriteContext,
} from './wire-types';

/** A member type with nested contracts resolved to their plans. */
export type TypePlan =
  | { kind: ScalarKind }
  | { kind: 'enum'; name: string; nameOf: Map<number, string>; valueOf: Map<string, number> }
  | { kind: 'contract'; contract: ContractPlan }
  | { kind: 'list'; item: TypePlan; itemXmlName: string; itemNamespace: string }
  | { kind: 'object' };

export interface MemberPlan {
  property: string;
  xmlName: string;
  jsonName: string;
  type: TypePlan;
  inXml: boolean;
  inJson: boolean;
  nullable: boolean;
  jsonIgnoreNull: boolean;
  required: boolean;
  /** `[DataMember(Order)]`, -1 when not given. */
  order: number;
  /** Never written from input (computed, getter-only). */
  readOnly: boolean;
  computed?: (self: never, context: WriteContext) => unknown;
  jsonDateStyle: DateStyle;
  xmlDateStyle: DateStyle;
  /** `"name":` ready to concatenate. */
  jsonKey: string;
  /** Namespace of the contract that declares the member (its element's namespace in XML). */
  declaringNamespace: string;
  /** Namespace of the member's type, declared on the member element when it differs (DCS ChildElementNamespaces). */
  childNamespace: string | null;
  description?: string;
}

export interface ContractPlan {
  cls: ContractClass;
  name: string;
  namespace: string;
  /** Present for `[CollectionDataContract]` types. */
  collection?: { itemName: string; item: TypePlan };
  /** Newtonsoft order: own members in declaration order, then the base's. */
  jsonMembers: MemberPlan[];
  /** DataContractSerializer order: base first, then by Order and ordinal name. */
  xmlMembers: MemberPlan[];
  /** Every member, own before base, for validation/OpenAPI. */
  allMembers: MemberPlan[];
  /** JSON names exact, then lower-cased (Newtonsoft matches case-insensitively). */
  jsonByName: Map<string, MemberPlan>;
  jsonByLowerName: Map<string, MemberPlan>;
  xmlByName: Map<string, MemberPlan>;
  requiredMembers: MemberPlan[];
  /** Lazily built per-prefix tag strings for the XML writer. */
  xmlTags: Map<string, { open: string[]; close: string[] }>;
}

const PRIMITIVE_ITEM_NAMES: Record<ScalarKind, string> = {
  string: 'string',
  int: 'int',
  long: 'long',
  double: 'double',
  bool: 'boolean',
  guid: 'guid',
  date: 'dateTime',
};

const ordinal = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every declared contract, keyed by class and by name; compiles each into a
 * plan once (member order, lookups, namespaces) so writers and readers do no
 * reflection per request.
 */
export class ContractRegistry {
  private readonly plans = new Map<ContractClass, ContractPlan>();
  private readonly byName = new Map<string, ContractClass>();
  private readonly byQualifiedName = new Map<string, ContractClass>();

  constructor() {
    for (const cls of allDeclaredClasses()) this.register(cls);
    onContractDeclared((cls) => this.register(cls));
  }

  register(cls: ContractClass): void {
    const declaration = this.declaration(cls);
    const name = declaration.options.name ?? cls.name;
    if (!this.byName.has(name)) this.byName.set(name, cls);
    this.byQualifiedName.set(`{${declaration.options.namespace}}${name}`, cls);
  }

  isContract(cls: unknown): cls is ContractClass {
    return typeof cls === 'function' && declarationOf(cls as ContractClass) !== undefined;
  }

  classByName(name: string): ContractClass | undefined {
    return this.byName.get(name);
  }

  classByQualifiedName(namespace: string, name: string): ContractClass | undefined {
    return this.byQualifiedName.get(`{${namespace}}${name}`);
  }

  /** The plan of a contract instance's class, or undefined for anything else. */
  planOfValue(value: unknown): ContractPlan | undefined {
    if (value === null || typeof value !== 'object') return undefined;
    const cls = (value as object).constructor as ContractClass;
    return this.plans.get(cls) ?? (declarationOf(cls) ? this.plan(cls) : undefined);
  }

  plan(cls: ContractClass): ContractPlan {
    const cached = this.plans.get(cls);
    if (cached) return cached;
    const declaration = this.declaration(cls);
    const plan: ContractPlan = {
      cls,
      name: declaration.options.name ?? cls.name,
      namespace: declaration.options.namespace,
      jsonMembers: [],
      xmlMembers: [],
      allMembers: [],
      jsonByName: new Map(),
      jsonByLowerName: new Map(),
      xmlByName: new Map(),
      requiredMembers: [],
      xmlTags: new Map(),
    };
    // Cached before compiling members, so self-referencing contracts terminate.
    this.plans.set(cls, plan);
    if (declaration.collection) {
      plan.collection = {
        itemName: declaration.collection.itemName,
        item: this.resolveType(declaration.collection.item),
      };
    }
    this.compileMembers(plan, cls);
    return plan;
  }

  private declaration(cls: ContractClass): ContractDeclaration {
    const declaration = declarationOf(cls);
    if (!declaration) throw new Error(`${cls.name} is not a wire contract (missing @WireContract)`);
    return declaration;
  }

  private compileMembers(plan: ContractPlan, cls: ContractClass) {
    // Walk the class chain: own class first, then bases.
    const levels: MemberPlan[][] = [];
    for (
      let c: unknown = cls;
      typeof c === 'function' && c !== Object;
      c = Object.getPrototypeOf(c)
    ) {
      const declaration = declarationOf(c as ContractClass);
      if (!declaration) continue;
      levels.push(
        declaration.members.map((m) => this.compileMember(m, declaration.options.namespace)),
      );
    }
    plan.allMembers = levels.flat();
    plan.jsonMembers = plan.allMembers.filter((m) => m.inJson);
    plan.xmlMembers = levels
      .slice()
      .reverse()
      .flatMap((level) =>
        level
          .filter((m) => m.inXml)
          .sort((a, b) => a.order - b.order || ordinal(a.xmlName, b.xmlName)),
      );
    for (const m of plan.allMembers) {
      if (m.inJson && !plan.jsonByName.has(m.jsonName)) plan.jsonByName.set(m.jsonName, m);
      if (m.inJson && !plan.jsonByLowerName.has(m.jsonName.toLowerCase()))
        plan.jsonByLowerName.set(m.jsonName.toLowerCase(), m);
      if (m.inXml && !plan.xmlByName.has(m.xmlName)) plan.xmlByName.set(m.xmlName, m);
      if (m.required) plan.requiredMembers.push(m);
    }
  }

  private compileMember(declared: DeclaredMember, parentNamespace: string): MemberPlan {
    const xmlName = declared.xmlName ?? declared.property;
    const jsonName = declared.jsonName ?? xmlName;
    const carriedBy = declared.in ?? 'both';
    const type = this.resolveType(declared.type);
    const typeNamespace = namespaceOfType(declared.type);
    const member: MemberPlan = {
      property: declared.property,
      xmlName,
      jsonName,
      type,
      inXml: carriedBy === 'both' || carriedBy === 'xml',
      inJson: carriedBy === 'both' || carriedBy === 'json',
      nullable: declared.nullable ?? false,
      jsonIgnoreNull: declared.jsonIgnoreNull ?? false,
      required: declared.required ?? false,
      order: declared.order ?? -1,
      readOnly: declared.computed !== undefined || declared.getterOnly,
      computed: declared.computed,
      jsonDateStyle: declared.jsonDateStyle ?? declared.dateStyle ?? 'local',
      xmlDateStyle: declared.xmlDateStyle ?? declared.dateStyle ?? 'local',
      jsonKey: JSON.stringify(jsonName) + ':',
      declaringNamespace: parentNamespace,
      childNamespace:
        typeNamespace !== null && typeNamespace !== parentNamespace ? typeNamespace : null,
      description: declared.description,
    };
    return member;
  }

  resolveType(type: WireType): TypePlan {
    switch (type.kind) {
      case 'enum':
        return { kind: 'enum', name: type.name, ...enumMaps(type.enumObject) };
      case 'contract': {
        // Resolved on first use: the target class may be declared later in the file.
        const planOf = () => this.plan(type.target());
        let plan: ContractPlan | undefined;
        return {
          kind: 'contract',
          get contract() {
            return (plan ??= planOf());
          },
        };
      }
      case 'list': {
        const item = this.resolveType(type.item);
        if (type.item.kind === 'contract') {
          const target = type.item.target;
          const planOf = () => this.plan(target());
          return {
            kind: 'list',
            item,
            get itemXmlName() {
              return planOf().name;
            },
            get itemNamespace() {
              return planOf().namespace;
            },
          };
        }
        const itemXmlName =
          type.item.kind === 'enum'
            ? type.item.name
            : PRIMITIVE_ITEM_NAMES[type.item.kind as ScalarKind];
        return {
          kind: 'list',
          item,
          itemXmlName: itemXmlName ?? 'anyType',
          itemNamespace: ARRAYS_NS,
        };
      }
      default:
        return { kind: type.kind } as TypePlan;
    }
  }
}

function enumMaps(enumObject: EnumObject) {
  const nameOf = new Map<number, string>();
  const valueOf = new Map<string, number>();
  for (const [key, value] of Object.entries(enumObject)) {
    if (typeof value === 'number') {
      nameOf.set(value, key);
      valueOf.set(key, value);
    }
  }
  return { nameOf, valueOf };
}

/** The XML namespace DCS would declare for a member of this type; null for built-ins, enums and `object`. */
function namespaceOfType(type: WireType): string | null {
  if (type.kind === 'contract') return namespaceOfClass(type.target());
  if (type.kind === 'list') {
    if (type.item.kind === 'contract') return namespaceOfClass(type.item.target());
    return ARRAYS_NS;
  }
  return null;
}

function namespaceOfClass(cls: ContractClass): string {
  const declaration = declarationOf(cls);
  if (!declaration) throw new Error(`${cls.name} is not a wire contract (missing @WireContract)`);
  return declaration.options.namespace;
}

/** The one registry that serves HTTP, the render CLI and the Help page. */
export const contractRegistry = new ContractRegistry();
