import { allDeclaredClasses } from '@/wire/datacontract/decorators';
import { ContractPlan, contractRegistry, MemberPlan, TypePlan } from '@/wire/datacontract/registry';
import { ContractClass, DATA_CONTRACT_NS, DateStyle } from '@/wire/datacontract/wire-types';

/** A plain OpenAPI 3 schema object (kept structural, so @nestjs/swagger can take it as is). */
export interface OpenApiSchema {
  [key: string]: unknown;
}

type Naming = 'json' | 'xml';

const DATE_PATTERNS: Record<DateStyle, string> = {
  local: 'yyyy-MM-ddTHH:mm:ss[.fffffff]±hh:mm (server zone)',
  utc: 'yyyy-MM-ddTHH:mm:ss[.fffffff]Z',
  'utc-seconds': 'yyyy-MM-ddTHH:mm:ssZ',
  'utc-millis': 'yyyy-MM-ddTHH:mm:ss.fffZ',
};

/** Where `#/components/schemas/...` refs point. */
const COMPONENTS = '#/components/schemas/';

/** The component name suffix of a contract's XML form, when it differs from the JSON form. */
const XML_SUFFIX = '.xml';

function scalarSchema(type: TypePlan, member: MemberPlan | null, naming: Naming): OpenApiSchema {
  switch (type.kind) {
    case 'string':
      return { type: 'string' };
    case 'int':
      return { type: 'integer', format: 'int32' };
    case 'long':
      return { type: 'integer', format: 'int64' };
    case 'double':
      return { type: 'number', format: 'double' };
    case 'bool':
      return { type: 'boolean' };
    case 'guid':
      return { type: 'string', format: 'uuid' };
    case 'date': {
      const style = member
        ? naming === 'json'
          ? member.jsonDateStyle
          : member.xmlDateStyle
        : 'local';
      return { type: 'string', format: 'date-time', description: DATE_PATTERNS[style] };
    }
    case 'enum':
      return naming === 'json'
        ? {
            type: 'integer',
            enum: [...type.nameOf.keys()],
            description: [...type.nameOf].map(([v, n]) => `${v} = ${n}`).join(', '),
          }
        : { type: 'string', enum: [...type.valueOf.keys()] };
    default:
      return {};
  }
}

/** Reference types (string, contract, list) may be null; `object` may be anything, null included. */
function isNullable(member: MemberPlan): boolean {
  const kind = member.type.kind;
  return member.nullable || kind === 'string' || kind === 'contract' || kind === 'list';
}

/** The OpenAPI `type` of a contract's schema: collections are arrays. */
function typeOfContract(plan: ContractPlan): 'array' | 'object' {
  return plan.collection ? 'array' : 'object';
}

/**
 * Whether a contract's JSON and XML forms carry the same members under the
 * same names and types (order aside), its nested contracts included: then one
 * schema describes both. Enums differ (numbers in JSON, names in XML).
 * Recursion assumes sameness, which the other members then decide.
 */
function sameInBothForms(plan: ContractPlan, seen = new Set<ContractPlan>()): boolean {
  if (seen.has(plan)) return true;
  seen.add(plan);
  if (plan.collection) return sameTypeInBothForms(plan.collection.item, seen);
  return (
    plan.jsonMembers.length === plan.xmlMembers.length &&
    plan.jsonMembers.every(
      (member) =>
        member.inXml &&
        member.jsonName === member.xmlName &&
        member.jsonDateStyle === member.xmlDateStyle &&
        sameTypeInBothForms(member.type, seen),
    )
  );
}

function sameTypeInBothForms(type: TypePlan, seen: Set<ContractPlan>): boolean {
  switch (type.kind) {
    case 'enum':
      return false;
    case 'contract':
      return sameInBothForms(type.contract, seen);
    case 'list':
      return sameTypeInBothForms(type.item, seen);
    default:
      return true;
  }
}

/** Characters a component name may hold (`^[a-zA-Z0-9.\-_]+$`). */
function componentSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * A contract's component name: its DataContract name, qualified by its CLR
 * namespace when another contract shares that name (and by the class name
 * when they share the namespace too). It depends only on the registry, never
 * on which routes use the contract, so it stays stable.
 */
function componentNameOf(plan: ContractPlan, taken: ReadonlySet<string>): string {
  const sameName = allDeclaredClasses()
    .map((cls) => contractRegistry.plan(cls))
    .filter((other) => other.name === plan.name);
  if (sameName.length === 1 && !taken.has(plan.name)) return componentSafe(plan.name);
  const clrNamespace = plan.namespace.startsWith(DATA_CONTRACT_NS)
    ? plan.namespace.slice(DATA_CONTRACT_NS.length)
    : plan.namespace;
  const qualified = componentSafe(`${clrNamespace}.${plan.name}`);
  const sameQualified = sameName.filter((other) => other.namespace === plan.namespace);
  return sameQualified.length > 1 ? `${qualified}.${componentSafe(plan.cls.name)}` : qualified;
}

/**
 * One schema per contract form, nested contracts referenced by `$ref`: what
 * `components.schemas` of the OpenAPI document holds. A contract whose JSON and
 * XML forms agree has one schema (JSON names, with its `xml` object); one
 * whose forms differ has `<Name>` for JSON and `<Name>.xml` for XML.
 *
 * `required` lists the members a reader must send (`IsRequired`) and, for
 * contracts the service only writes, every member it always writes (null
 * where nullable), so typed clients need no optional chaining on answers.
 */
export class ContractSchemas {
  private readonly schemas: Record<string, OpenApiSchema> = {};
  private readonly names = new Map<ContractPlan, { json: string; xml: string }>();
  private readonly read = new Set<ContractPlan>();

  /**
   * @param reserved component names used by other schemas (a contract of that name is qualified)
   * @param readContracts contracts read from requests (and what they nest): only `IsRequired` members are required
   */
  constructor(
    private readonly reserved: ReadonlySet<string>,
    readContracts: Iterable<ContractClass>,
  ) {
    for (const contract of readContracts) this.markRead(contractRegistry.plan(contract));
  }

  /** `{ $ref }` to the schema of a contract's JSON or XML form, adding it (and what it nests) first. */
  ref(contract: ContractClass, naming: Naming): OpenApiSchema {
    return { $ref: COMPONENTS + this.nameOf(contractRegistry.plan(contract), naming) };
  }

  /** Every schema referenced so far, by component name, sorted. */
  components(): Record<string, OpenApiSchema> {
    return Object.fromEntries(
      Object.keys(this.schemas)
        .sort()
        .map((name) => [name, this.schemas[name]]),
    );
  }

  private markRead(plan: ContractPlan): void {
    if (this.read.has(plan)) return;
    this.read.add(plan);
    const visit = (type: TypePlan): void => {
      if (type.kind === 'contract') this.markRead(type.contract);
      else if (type.kind === 'list') visit(type.item);
    };
    if (plan.collection) visit(plan.collection.item);
    for (const member of plan.allMembers) visit(member.type);
  }

  private nameOf(plan: ContractPlan, naming: Naming): string {
    let names = this.names.get(plan);
    if (!names) {
      const json = componentNameOf(plan, this.reserved);
      names = { json, xml: sameInBothForms(plan) ? json : json + XML_SUFFIX };
      // Named before building, so self-referencing contracts terminate.
      this.names.set(plan, names);
      this.schemas[names.json] = this.build(plan, 'json', names.json === names.xml);
      if (names.xml !== names.json) this.schemas[names.xml] = this.build(plan, 'xml', true);
    }
    return names[naming];
  }

  private build(plan: ContractPlan, naming: Naming, withXml: boolean): OpenApiSchema {
    const xml = withXml ? { xml: { name: plan.name, namespace: plan.namespace } } : {};
    if (plan.collection) {
      return {
        type: 'array',
        items: this.type(plan.collection.item, null, naming, withXml),
        ...(withXml && { xml: { ...xml.xml, wrapped: true } }),
      };
    }
    const members = naming === 'json' ? plan.jsonMembers : plan.xmlMembers;
    const properties: Record<string, OpenApiSchema> = {};
    const required: string[] = [];
    for (const member of members) {
      const name = naming === 'json' ? member.jsonName : member.xmlName;
      properties[name] = this.member(member, naming, withXml);
      if (member.required || (!this.read.has(plan) && this.alwaysWritten(member, naming)))
        required.push(name);
    }
    return {
      type: 'object',
      ...(naming === 'json' && { title: plan.name }),
      properties,
      ...(required.length > 0 && { required }),
      ...xml,
    };
  }

  /** JSON leaves out null `NullValueHandling.Ignore` members; XML writes every member (`i:nil`). */
  private alwaysWritten(member: MemberPlan, naming: Naming): boolean {
    return naming === 'xml' || !member.jsonIgnoreNull;
  }

  private member(member: MemberPlan, naming: Naming, withXml: boolean): OpenApiSchema {
    const nullable = isNullable(member);
    const base = this.type(member.type, member, naming, withXml);
    const extras: OpenApiSchema = {
      ...(member.readOnly && { readOnly: true }),
      ...(member.description && { description: member.description }),
    };
    if (member.type.kind === 'contract') {
      // A `$ref` takes no siblings in OpenAPI 3.0: wrap it to say null, the description and the
      // element name (the member's, not the referenced contract's root name).
      const target = member.type.contract;
      return {
        type: typeOfContract(target),
        ...(nullable && { nullable: true }),
        allOf: [base],
        ...extras,
        ...(withXml && {
          xml: { name: member.xmlName, ...(target.collection && { wrapped: true }) },
        }),
      };
    }
    return { ...base, ...extras, ...(nullable && { nullable: true }) };
  }

  /** `withXml`: the schema describes the XML form too (its own, or one shared with JSON). */
  private type(
    type: TypePlan,
    member: MemberPlan | null,
    naming: Naming,
    withXml: boolean,
  ): OpenApiSchema {
    switch (type.kind) {
      case 'contract':
        return { $ref: COMPONENTS + this.nameOf(type.contract, naming) };
      case 'list': {
        const items = this.type(type.item, null, naming, withXml);
        if (withXml && type.item.kind !== 'contract')
          items.xml = { name: type.itemXmlName, namespace: type.itemNamespace };
        return { type: 'array', items, ...(withXml && { xml: { wrapped: true } }) };
      }
      case 'object':
        return { description: 'Any value; XML carries its type in i:type.' };
      default:
        return scalarSchema(type, member, naming);
    }
  }
}

/** Every nested contract inlined: for swagger decorators, which take one standalone schema. */
function inlined(schema: OpenApiSchema, schemas: Record<string, OpenApiSchema>): OpenApiSchema {
  const resolve = (value: unknown, seen: ReadonlySet<string>): unknown => {
    if (Array.isArray(value)) return value.map((item) => resolve(item, seen));
    if (value === null || typeof value !== 'object') return value;
    const ref = (value as OpenApiSchema).$ref;
    if (typeof ref === 'string') {
      const name = ref.slice(COMPONENTS.length);
      if (seen.has(name)) return { type: 'object', description: 'Recursive reference' };
      return resolve(schemas[name], new Set([...seen, name]));
    }
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolve(item, seen)]),
    );
  };
  return resolve(schema, new Set()) as OpenApiSchema;
}

function standalone(contract: ContractClass, naming: Naming): OpenApiSchema {
  const schemas = new ContractSchemas(new Set(), []);
  const root = schemas.ref(contract, naming);
  return inlined(root, schemas.components());
}

/** The OpenAPI schema of a contract's JSON form (JSON names, JSON membership), nested contracts inlined. */
export function openApiSchemaFor(contract: ContractClass): OpenApiSchema {
  return standalone(contract, 'json');
}

/** The OpenAPI schema of a contract's XML form (XML names and order, namespace), nested contracts inlined. */
export function openApiXmlSchemaFor(contract: ContractClass): OpenApiSchema {
  return standalone(contract, 'xml');
}
