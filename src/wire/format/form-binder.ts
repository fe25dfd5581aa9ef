import { ContractPlan, MemberPlan, TypePlan } from '@/wire/datacontract/registry';
import { ModelStateErrors } from '@/wire/wire-errors';
import { parseDate } from './date-format';
import { completeInstance, defaultValue, isDangerousKey, joinPath } from './member-defaults';
import { CLR_TYPE_NAMES, parseGuid, parseInt32, parseInt64 } from './scalar-text';

/** Form keys, lower-cased, to their values in body order (model binding is case-insensitive). */
export type FormValues = Map<string, string[]>;

/** Nested contracts may go this deep in a form (`a.b.c...`). */
const MAX_FORM_DEPTH = 8;

/**
 * Binds form values to a contract as Web API's model binding does
 * (MutableObjectModelBinder, CollectionModelBinder, TypeConverterModelBinder):
 * CLR property names, case-insensitively; `Items=1&Items=2` or, failing
 * that, `Items[0]`, `Items[1]`... up to the first gap or bad item; values
 * converted in the invariant culture; messages are the binder's own
 * ("The value 'abc' is not valid for Id."), shown to every caller.
 */
export class FormBinder {
  constructor(
    private readonly values: FormValues,
    private readonly errors: ModelStateErrors,
  ) {}

  bindRoot(plan: ContractPlan): unknown {
    return this.contract(plan, '', 0);
  }

  private contract(plan: ContractPlan, key: string, depth: number): Record<string, unknown> {
    const instance = new plan.cls() as Record<string, unknown>;
    const seen = new Set<MemberPlan>();
    for (const member of plan.allMembers) {
      if (member.readOnly || seen.has(member) || isDangerousKey(member.property)) continue;
      const memberKey = joinPath(key, member.property);
      const bound = this.member(member, memberKey, depth);
      if (bound === ABSENT) continue;
      seen.add(member);
      instance[member.property] = bound === INVALID ? defaultValue(member) : bound;
    }
    completeInstance(plan, instance, seen, (member) =>
      this.errors.add(
        joinPath(key, member.property),
        `The ${member.property} property is required.`,
      ),
    );
    return instance;
  }

  private member(member: MemberPlan, key: string, depth: number): unknown {
    const type = member.type;
    if (type.kind === 'contract') {
      if (depth >= MAX_FORM_DEPTH || !this.hasPrefix(`${key}.`)) return ABSENT;
      return this.contract(type.contract, key, depth + 1);
    }
    if (type.kind === 'list') return this.collection(type.item, key, depth);
    if (type.kind === 'object') return ABSENT; // no type to convert to: model binding leaves it null
    const raw = this.values.get(key.toLowerCase());
    if (raw === undefined) return ABSENT;
    return this.scalar(type, raw[0], key, member.property, member.nullable);
  }

  /** CollectionModelBinder: the key itself (repeated), else `key[0]`, `key[1]`... until a gap. */
  private collection(item: TypePlan, key: string, depth: number): unknown {
    if (item.kind === 'contract') return this.contractCollection(item, key, depth);
    if (!isScalar(item)) return ABSENT;
    const simple = this.values.get(key.toLowerCase());
    if (simple !== undefined) {
      const list: unknown[] = [];
      for (const raw of simple) {
        const value = this.scalar(item, raw, key, clrShortName(item), false);
        if (value !== INVALID) list.push(value);
      }
      return list;
    }
    if (!this.hasPrefix(`${key}[`)) return ABSENT;
    const list: unknown[] = [];
    for (let index = 0; ; index++) {
      const itemKey = `${key}[${index}]`;
      const raw = this.values.get(itemKey.toLowerCase());
      if (raw === undefined) return list;
      const value = this.scalar(item, raw[0], itemKey, clrShortName(item), false);
      if (value === INVALID) return list;
      list.push(value);
    }
  }

  /** `Items[0].Name=…&Items[1].Name=…`: complex items, in index order up to the first gap. */
  private contractCollection(
    item: Extract<TypePlan, { kind: 'contract' }>,
    key: string,
    depth: number,
  ): unknown {
    if (depth >= MAX_FORM_DEPTH || !this.hasPrefix(`${key}[`)) return ABSENT;
    const list: unknown[] = [];
    for (let index = 0; this.hasPrefix(`${key}[${index}].`); index++) {
      list.push(this.contract(item.contract, `${key}[${index}]`, depth + 1));
    }
    return list;
  }

  private scalar(
    type: TypePlan,
    raw: string,
    key: string,
    displayName: string,
    nullable: boolean,
  ): unknown {
    if (raw.trim() === '') {
      if (type.kind === 'string' || nullable) return null;
      this.errors.add(key, 'A value is required.');
      return INVALID;
    }
    const value = convert(type, raw);
    if (value !== undefined) return value;
    this.errors.add(key, `The value '${raw.slice(0, 100)}' is not valid for ${displayName}.`);
    return INVALID;
  }

  private hasPrefix(prefix: string): boolean {
    const lower = prefix.toLowerCase();
    for (const key of this.values.keys()) if (key.startsWith(lower)) return true;
    return false;
  }
}

/** Returned for a member the form does not mention (it keeps its default, silently). */
const ABSENT = Symbol('absent');
/** Returned after recording a conversion error (the member keeps its default). */
const INVALID = Symbol('invalid');

function isScalar(type: TypePlan): boolean {
  return type.kind !== 'contract' && type.kind !== 'list' && type.kind !== 'object';
}

/** `Int32`, `Guid`: how the binder names an item's type. */
function clrShortName(type: TypePlan): string {
  if (type.kind === 'enum') return type.name;
  return (CLR_TYPE_NAMES[type.kind] ?? type.kind).replace(/^System\./, '');
}

/** TypeConverter.ConvertFrom in the invariant culture. */
function convert(type: TypePlan, raw: string): unknown {
  switch (type.kind) {
    case 'string':
      return raw;
    case 'int':
      return parseInt32(raw);
    case 'long':
      return parseInt64(raw);
    case 'double': {
      const value = Number(raw.trim());
      return raw.trim() !== '' && Number.isFinite(value) ? value : undefined;
    }
    case 'bool': {
      const word = raw.trim().toLowerCase();
      return word === 'true' ? true : word === 'false' ? false : undefined;
    }
    case 'guid':
      return parseGuid(raw);
    case 'date':
      return parseDate(raw) ?? parseInvariantDate(raw);
    case 'enum': {
      const lower = raw.trim().toLowerCase();
      for (const [name, value] of type.valueOf) if (name.toLowerCase() === lower) return value;
      return parseInt32(raw);
    }
    default:
      return undefined;
  }
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** `M/d/yyyy[ h:mm[:ss][ AM|PM]]`, the invariant culture's short forms. */
const INVARIANT_DATE =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?)?$/;
/** RFC 1123: `Tue, 13 Jan 2026 11:55:51 GMT`. */
const RFC1123 =
  /^[A-Za-z]{3},\s*(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})\s+GMT$/;

/** DateTime.Parse(text, CultureInfo.InvariantCulture) for the forms ISO parsing does not cover; no offset → UTC. */
function parseInvariantDate(raw: string): Date | undefined {
  const text = raw.trim();
  let parts: number[] | undefined;
  const invariant = INVARIANT_DATE.exec(text);
  if (invariant) {
    const [, month, day, year, hour = '0', minute = '0', second = '0', meridiem] = invariant;
    let h = Number(hour);
    if (meridiem) {
      if (h < 1 || h > 12) return undefined;
      h = (h % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
    }
    parts = [Number(year), Number(month), Number(day), h, Number(minute), Number(second)];
  } else {
    const rfc = RFC1123.exec(text);
    const month = rfc ? MONTHS.indexOf(rfc[2].toLowerCase()) + 1 : 0;
    if (!rfc || month === 0) return undefined;
    parts = [Number(rfc[3]), month, Number(rfc[1]), Number(rfc[4]), Number(rfc[5]), Number(rfc[6])];
  }
  const [year, month, day, hour, minute, second] = parts;
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (date.getUTCDate() !== day || date.getUTCFullYear() !== year) return undefined;
  return date;
}
