import { ContractPlan, contractRegistry, MemberPlan, TypePlan } from '@/wire/contracts/registry';
import { ContractClass, DateStyle } from '@/wire/contracts/wire-types';

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

class SchemaBuilder {
  private readonly inProgress = new Set<ContractPlan>();

  constructor(private readonly naming: Naming) {}

  contract(plan: ContractPlan): OpenApiSchema {
    if (plan.collection) {
      return {
        type: 'array',
        items: this.type(plan.collection.item, null),
        ...this.xml(plan.name, plan, true),
      };
    }
    if (this.inProgress.has(plan))
      return { type: 'object', title: plan.name, description: 'Recursive reference' };
    this.inProgress.add(plan);
    const members = this.naming === 'json' ? plan.jsonMembers : plan.xmlMembers;
    const properties: Record<string, OpenApiSchema> = {};
    const required: string[] = [];
    for (const member of members) {
      const name = this.naming === 'json' ? member.jsonName : member.xmlName;
      const schema = this.type(member.type, member);
      if (member.readOnly) schema.readOnly = true;
      if (member.description) schema.description = member.description;
      if (member.nullable || isReference(member.type)) schema.nullable = true;
      properties[name] = schema;
      if (member.required) required.push(name);
    }
    this.inProgress.delete(plan);
    return {
      type: 'object',
      title: plan.name,
      properties,
      ...(required.length > 0 && { required }),
      ...this.xml(plan.name, plan, false),
    };
  }

  private type(type: TypePlan, member: MemberPlan | null): OpenApiSchema {
    switch (type.kind) {
      case 'contract':
        return this.contract(type.contract);
      case 'list':
        return { type: 'array', items: this.type(type.item, null) };
      case 'object':
        return { description: 'Any value; XML carries its type in i:type.' };
      default:
        return scalarSchema(type, member, this.naming);
    }
  }

  private xml(name: string, plan: ContractPlan, wrapped: boolean): OpenApiSchema {
    return this.naming === 'xml'
      ? { xml: { name, namespace: plan.namespace, ...(wrapped && { wrapped: true }) } }
      : {};
  }
}

function isReference(type: TypePlan): boolean {
  return (
    type.kind === 'string' ||
    type.kind === 'contract' ||
    type.kind === 'list' ||
    type.kind === 'object'
  );
}

/** The OpenAPI schema of a contract's JSON form (JSON names, JSON membership). */
export function openApiSchemaFor(contract: ContractClass): OpenApiSchema {
  return new SchemaBuilder('json').contract(contractRegistry.plan(contract));
}

/** The OpenAPI schema of a contract's XML form (XML names and order, namespace). */
export function openApiXmlSchemaFor(contract: ContractClass): OpenApiSchema {
  return new SchemaBuilder('xml').contract(contractRegistry.plan(contract));
}
