import { ContractPlan, MemberPlan, TypePlan } from '@/wire/contracts/registry';
import { ModelStateErrors } from '@/wire/wire-errors';
import { parseDate } from './date-format';
import { completeInstance, isDangerousKey, joinPath } from './member-defaults';
import {
  CLR_TYPE_NAMES,
  parseBoolean,
  parseDouble,
  parseGuid,
  parseInt32,
  parseInt64,
} from './scalar-text';

/** Returned by conversions that recorded an error; the member keeps its default. */
const INVALID = Symbol('invalid');

/** Free-form values (`object` members) may nest this deep. */
const MAX_FREE_FORM_DEPTH = 32;

/**
 * Binds a parsed JSON value to a contract instance, as Newtonsoft/Web API would: member names matched
 * case-insensitively, unknown names ignored, type errors recorded in ModelState.
 */
export class ObjectBinder {
  constructor(
    private readonly errors: ModelStateErrors,
    /** `, line L, position P` of the end of the object at a path, when the JSON reader tracks positions (as Newtonsoft reports them). */
    private readonly locate?: (path: string) => string,
  ) {}

  bindRoot(plan: ContractPlan, value: unknown): unknown {
    const result = this.contract(plan, value, '');
    return result === INVALID ? null : result;
  }

  private contract(plan: ContractPlan, value: unknown, path: string): unknown {
    if (plan.collection) {
      const list = this.list(plan.collection.item, value, path);
      if (list === INVALID || list === null) return list;
      const collection = new plan.cls() as unknown[];
      for (const item of list as unknown[]) collection.push(item);
      return collection;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.errors.add(path, `Cannot deserialize the current JSON value into type '${plan.name}'.`);
      return INVALID;
    }
    const instance = new plan.cls() as Record<string, unknown>;
    const seen = new Set<MemberPlan>();
    for (const key of Object.keys(value)) {
      if (isDangerousKey(key)) {
        this.errors.add(joinPath(path, key), `The member name '${key}' is not allowed.`);
        continue;
      }
      const member = this.memberFor(plan, key);
      if (!member || member.readOnly || seen.has(member)) continue;
      seen.add(member);
      const memberPath = joinPath(path, member.jsonName);
      const converted = this.value(
        member,
        member.type,
        (value as Record<string, unknown>)[key],
        memberPath,
      );
      if (converted !== INVALID) instance[member.property] = converted;
      else instance[member.property] = null;
    }
    completeInstance(plan, instance, seen, (member) => this.missingRequired(member, path));
    return instance;
  }

  /** Newtonsoft reports a missing `IsRequired` member on the object itself (ModelState key = the object's path). */
  private missingRequired(member: MemberPlan, path: string): void {
    this.errors.add(
      path,
      `Required property '${member.jsonName}' not found in JSON. Path '${path}'${this.locate?.(path) ?? ''}.`,
    );
  }

  private memberFor(plan: ContractPlan, key: string): MemberPlan | undefined {
    return plan.jsonByName.get(key) ?? plan.jsonByLowerName.get(key.toLowerCase());
  }

  private value(member: MemberPlan | null, type: TypePlan, raw: unknown, path: string): unknown {
    if (raw === null || raw === undefined) {
      const acceptsNull = member === null || member.nullable || !isValueType(type);
      if (acceptsNull) return null;
      this.errors.add(path, `Error converting value {null} to type '${clrName(type)}'.`);
      return INVALID;
    }
    switch (type.kind) {
      case 'string':
        if (typeof raw === 'string') return raw;
        if (typeof raw === 'number') return String(raw);
        if (typeof raw === 'boolean') return raw ? 'True' : 'False';
        return this.fail(path, raw, type);
      case 'int':
        return this.number(raw, path, type, parseInt32);
      case 'long':
        return this.number(raw, path, type, parseInt64);
      case 'double':
        return typeof raw === 'number' ? raw : this.number(raw, path, type, parseDouble);
      case 'bool':
        if (typeof raw === 'boolean') return raw;
        if (typeof raw === 'number' && (raw === 0 || raw === 1)) return raw === 1;
        return this.parsed(
          typeof raw === 'string' ? parseBoolean(raw, false) : undefined,
          path,
          raw,
          type,
        );
      case 'guid':
        return this.parsed(typeof raw === 'string' ? parseGuid(raw) : undefined, path, raw, type);
      case 'date':
        return this.parsed(
          typeof raw === 'string' ? (parseDate(raw) ?? undefined) : undefined,
          path,
          raw,
          type,
        );
      case 'enum':
        if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
        if (typeof raw === 'string') {
          const lower = raw.trim().toLowerCase();
          for (const [name, value] of type.valueOf) if (name.toLowerCase() === lower) return value;
          const numeric = parseInt32(raw);
          if (numeric !== undefined) return numeric;
        }
        return this.fail(path, raw, type);
      case 'contract':
        return this.contract(type.contract, raw, path);
      case 'list':
        return this.list(type.item, raw, path);
      case 'object':
        return this.freeForm(raw, path, 0);
    }
  }

  private list(item: TypePlan, raw: unknown, path: string): unknown {
    if (raw === null || raw === undefined) return null;
    if (!Array.isArray(raw)) {
      this.errors.add(path, 'Cannot deserialize the current JSON object into a collection type.');
      return INVALID;
    }
    const result: unknown[] = [];
    for (let i = 0; i < raw.length; i++) {
      const converted = this.value(null, item, raw[i], `${path}[${i}]`);
      if (converted !== INVALID && !(converted === null && isValueType(item)))
        result.push(converted);
      else if (converted === null)
        this.errors.add(`${path}[${i}]`, `Error converting value {null}.`);
    }
    return result;
  }

  private number(
    raw: unknown,
    path: string,
    type: TypePlan,
    parse: (text: string) => number | undefined,
  ) {
    if (typeof raw === 'number') {
      const value = parse(String(raw));
      return value === undefined ? this.fail(path, raw, type) : value;
    }
    return this.parsed(typeof raw === 'string' ? parse(raw) : undefined, path, raw, type);
  }

  private parsed(value: unknown, path: string, raw: unknown, type: TypePlan): unknown {
    return value === undefined ? this.fail(path, raw, type) : value;
  }

  private fail(path: string, raw: unknown, type: TypePlan): typeof INVALID {
    const shown = typeof raw === 'object' ? (Array.isArray(raw) ? '[' : '{') : String(raw);
    this.errors.add(
      path,
      `Error converting value "${shown.slice(0, 100)}" to type '${clrName(type)}'.`,
    );
    return INVALID;
  }

  /** A .NET `object` member read from JSON: plain data, null-prototype objects, depth-limited. */
  private freeForm(raw: unknown, path: string, depth: number): unknown {
    if (depth > MAX_FREE_FORM_DEPTH) {
      this.errors.add(path, 'The value is nested too deeply.');
      return INVALID;
    }
    if (raw === null || typeof raw !== 'object') return raw;
    if (Array.isArray(raw)) return raw.map((item) => this.freeForm(item, path, depth + 1));
    const copy = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(raw)) {
      if (isDangerousKey(key))
        this.errors.add(joinPath(path, key), `The member name '${key}' is not allowed.`);
      else copy[key] = this.freeForm((raw as Record<string, unknown>)[key], path, depth + 1);
    }
    return copy;
  }
}

function isValueType(type: TypePlan): boolean {
  return (
    type.kind !== 'string' &&
    type.kind !== 'contract' &&
    type.kind !== 'list' &&
    type.kind !== 'object'
  );
}

function clrName(type: TypePlan): string {
  if (type.kind === 'enum') return type.name;
  if (type.kind === 'contract') return type.contract.name;
  return CLR_TYPE_NAMES[type.kind] ?? type.kind;
}
