import { ContractPlan, MemberPlan, TypePlan } from '@/wire/datacontract/registry';
import { DATA_CONTRACT_NS } from '@/wire/datacontract/wire-types';
import { ModelStateErrors } from '@/wire/wire-errors';
import {
  dateFromUtcTicks,
  MAX_DATE_TIME_TICKS,
  NewtonsoftDate,
  parseDotNetDateText,
  parseNewtonsoftDate,
} from './date-format';
import { JsonDocument, JsonLocation, JsonNode, newtonsoftMessage } from './json-document';
import { defaultValue, isDangerousKey } from './member-defaults';
import {
  CLR_TYPE_NAMES,
  formatDotNetDouble,
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
 * A number token as Newtonsoft's `Read()` types it. Integers stay decimal
 * digits (Newtonsoft keeps any size as a BigInteger): a megabyte of digits
 * never goes through BigInt, whose parsing and printing are quadratic.
 */
type NumberToken = { token: 'Integer'; digits: string } | { token: 'Float'; value: number };

const HEX = /^-?0[xX]/;
const DECIMAL_INTEGER = /^-?\d+$/;
const DOUBLE_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** `0x..` and `0..` integers are hex and octal to Newtonsoft (`Convert.ToInt64(text, 16 | 8)`). */
function isNonDecimal(text: string): boolean {
  return text.length > 1 && text[0] === '0' && !'.eE'.includes(text[1]);
}

function radixValue(text: string, bits: 32 | 64): bigint | undefined {
  const hex = HEX.test(text);
  const digits = hex ? text.slice(2) : text;
  if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-7]+$/).test(digits)) return undefined;
  if (digits.replace(/^0+/, '').length > (hex ? bits / 4 : Math.ceil(bits / 3))) return undefined;
  const unsigned = BigInt((hex ? '0x' : '0o') + digits);
  if (unsigned >= 1n << BigInt(bits)) return undefined;
  return BigInt.asIntN(bits, unsigned); // two's complement, as Convert.ToInt32/64
}

/** `-007` → `-7`, `-0` → `0`: the integer's canonical decimal text. */
function canonicalDigits(text: string): string {
  const negative = text.startsWith('-');
  const digits = (negative ? text.slice(1) : text).replace(/^0+(?=\d)/, '');
  return negative && digits !== '0' ? `-${digits}` : digits;
}

/** An integer's value when it has at most `maxDigits` digits, else undefined. */
function smallInteger(digits: string, maxDigits: number): number | undefined {
  return digits.replace('-', '').length <= maxDigits ? Number(digits) : undefined;
}

/** `JsonTextReader.Read()`: Integer (long or BigInteger) or Float (double). */
function readNumber(text: string): NumberToken | string {
  const invalid = `Input string '${text}' is not a valid number.`;
  if (isNonDecimal(text)) {
    const value = radixValue(text, 64);
    return value === undefined ? invalid : { token: 'Integer', digits: String(value) };
  }
  if (DECIMAL_INTEGER.test(text)) return { token: 'Integer', digits: canonicalDigits(text) };
  return DOUBLE_TEXT.test(text) ? { token: 'Float', value: Number(text) } : invalid;
}

/** `JsonTextReader.ReadAsInt32()` on number text: the value, or the reader's message. */
function readInt32(text: string): number | string {
  const invalid = `Input string '${text}' is not a valid integer.`;
  if (isNonDecimal(text)) {
    const value = radixValue(text, 32);
    return value === undefined ? invalid : Number(value);
  }
  if (!DECIMAL_INTEGER.test(text)) return invalid;
  const value = smallInteger(canonicalDigits(text), 10);
  if (value === undefined || value < -2147483648 || value > 2147483647)
    return `JSON integer ${text} is too large or small for an Int32.`;
  return value + 0;
}

/** Newtonsoft's `JsonToken` name of a node, as its "Unexpected token" messages print it. */
function tokenName(node: JsonNode): string {
  if (node.token !== 'Number') return node.token;
  const read = readNumber(node.text);
  return typeof read === 'string' ? 'Integer' : read.token;
}

/** `MiscellaneousUtils.FormatValueForPrint`: how "Error converting value X" shows a value. */
function printed(node: JsonNode): string {
  switch (node.token) {
    case 'String':
      return `"${node.value}"`;
    case 'Null':
      return '{null}';
    case 'Boolean':
      return node.value ? 'True' : 'False';
    case 'Float':
      return formatDotNetDouble(node.value);
    case 'Number': {
      const read = readNumber(node.text);
      if (typeof read === 'string') return node.text;
      return read.token === 'Integer' ? read.digits : formatDotNetDouble(read.value);
    }
    default:
      return node.token;
  }
}

/** `Model.Dto.UsuarioDto`: the CLR name behind a data contract namespace. */
function clrContractName(plan: ContractPlan): string {
  const ns = plan.namespace.startsWith(DATA_CONTRACT_NS)
    ? plan.namespace.slice(DATA_CONTRACT_NS.length)
    : '';
  return ns === '' ? plan.name : `${ns}.${plan.name}`;
}

function clrName(type: TypePlan, nullable = false): string {
  let name: string;
  switch (type.kind) {
    case 'enum':
      name = type.name;
      break;
    case 'contract':
      return clrContractName(type.contract);
    case 'list':
      return `System.Collections.Generic.List\`1[${clrName(type.item)}]`;
    case 'object':
      return 'System.Object';
    default:
      name = CLR_TYPE_NAMES[type.kind] ?? type.kind;
  }
  return nullable ? `System.Nullable\`1[${name}]` : name;
}

function isValueType(type: TypePlan): boolean {
  return (
    type.kind !== 'string' &&
    type.kind !== 'contract' &&
    type.kind !== 'list' &&
    type.kind !== 'object'
  );
}

const cannotDeserializeArray = (typeName: string) =>
  `Cannot deserialize the current JSON array (e.g. [1,2,3]) into type '${typeName}' because the type requires a JSON object (e.g. {"name":"value"}) to deserialize correctly.\n` +
  'To fix this error either change the JSON to a JSON object (e.g. {"name":"value"}) or change the deserialized type to an array or a type that implements a collection interface (e.g. ICollection, IList) like List<T> that can be deserialized from a JSON array. JsonArrayAttribute can also be added to the type to force it to deserialize from a JSON array.\n';

const cannotDeserializeObject = (typeName: string) =>
  `Cannot deserialize the current JSON object (e.g. {"name":"value"}) into type '${typeName}' because the type requires a JSON array (e.g. [1,2,3]) to deserialize correctly.\n` +
  'To fix this error either change the JSON to a JSON array (e.g. [1,2,3]) or change the deserialized type so that it is a normal .NET type (e.g. not a primitive type like integer, not a collection type like an array or List<T>) that can be deserialized from a JSON object. JsonObjectAttribute can also be added to the type to force it to deserialize from a JSON object.\n';

/**
 * An instant a DateTime can hold: one beyond its range (`9999-12-31T23:59:59.9999999-01:00`)
 * is clamped to MinValue/MaxValue, as Newtonsoft clamps the Local DateTime it makes.
 */
function boundDate(utcTicks: bigint): Date {
  return dateFromUtcTicks(
    utcTicks < 0n ? 0n : utcTicks > MAX_DATE_TIME_TICKS ? MAX_DATE_TIME_TICKS : utcTicks,
  );
}

interface Target {
  type: TypePlan;
  /** `int?`, `bool?`, `Guid?`, `DateTime?` (reference types always take null). */
  nullable: boolean;
  /** The member is read through `UtcSecondsConverter` (an IsoDateTimeConverter). */
  isoConverter: boolean;
}

/**
 * Binds a Newtonsoft token tree to a contract instance as Web API 2's
 * JsonMediaTypeFormatter does with Newtonsoft.Json 6: names matched exactly,
 * then case-insensitively; the last of duplicate members wins; unknown members
 * skipped; each member read the way the serializer reads its type (ReadAsInt32,
 * ReadAsString, ReadAsDateTime, or Read plus a conversion); every error recorded
 * under its path with Newtonsoft's own message, and reading goes on (Web API's
 * error handler marks each one handled).
 */
export class JsonBinder {
  constructor(private readonly errors: ModelStateErrors) {}

  bindDocument(plan: ContractPlan, document: JsonDocument): unknown {
    const root = document.root;
    let instance: unknown = null;
    if (root !== null) {
      const type: TypePlan = { kind: 'contract', contract: plan };
      const value = this.value({ type, nullable: false, isoConverter: false }, root);
      instance = value === INVALID ? null : value;
    }
    if (document.error) this.errors.add(document.error.path, document.error.message);
    return instance;
  }

  private fail(at: JsonLocation, message: string): typeof INVALID {
    return this.failAt(at.path, at, message);
  }

  private failAt(path: string, at: JsonLocation, message: string): typeof INVALID {
    this.errors.add(path, newtonsoftMessage(message, at));
    return INVALID;
  }

  /** An exception that is not a JsonException: its message carries no path. */
  private failPlain(at: JsonLocation, message: string): typeof INVALID {
    this.errors.add(at.path, message);
    return INVALID;
  }

  private nullFor(target: Target, node: JsonNode): unknown {
    if (target.nullable || !isValueType(target.type)) return null;
    return this.fail(node, `Error converting value {null} to type '${clrName(target.type)}'.`);
  }

  private conversionError(target: Target, node: JsonNode): typeof INVALID {
    return this.fail(
      node,
      `Error converting value ${printed(node)} to type '${clrName(target.type, target.nullable)}'.`,
    );
  }

  private value(target: Target, node: JsonNode): unknown {
    const type = target.type;
    switch (type.kind) {
      case 'string':
        return this.string(target, node);
      case 'int':
        return this.int32(target, node);
      case 'date':
        return target.isoConverter ? this.convertedDate(target, node) : this.date(target, node);
      case 'contract':
        return type.contract.collection
          ? this.collection(type.contract, target, node)
          : this.contract(type.contract, target, node);
      case 'list':
        return this.list(type.item, target, node);
      case 'object':
        return this.freeForm(node, 0);
      default:
        return this.converted(target, node);
    }
  }

  /** `ReadAsString`: numbers and booleans become their text. */
  private string(target: Target, node: JsonNode): unknown {
    switch (node.token) {
      case 'String':
        return node.value;
      case 'Null':
        return null;
      case 'Boolean':
      case 'Float':
        return printed(node);
      case 'Number': {
        const read = readNumber(node.text);
        return typeof read === 'string' ? this.fail(node, read) : printed(node);
      }
      default:
        return this.fail(node, `Error reading string. Unexpected token: ${tokenName(node)}.`);
    }
  }

  /** `ReadAsInt32`: integers, integer text, `""` as null. */
  private int32(target: Target, node: JsonNode): unknown {
    switch (node.token) {
      case 'Number': {
        const read = readInt32(node.text);
        return typeof read === 'string' ? this.fail(node, read) : read;
      }
      case 'Float':
        return this.failPlain(node, 'Value was either too large or too small for an Int32.');
      case 'String': {
        if (node.value === '') return this.nullFor(target, node);
        const value = parseInt32(node.value);
        return value === undefined
          ? this.fail(node, `Could not convert string to integer: ${node.value}.`)
          : value;
      }
      case 'Null':
        return this.nullFor(target, node);
      default:
        return this.fail(node, `Error reading integer. Unexpected token: ${tokenName(node)}.`);
    }
  }

  /** `ReadAsDateTime`: the reader's own date forms, then `DateTime.TryParse`. */
  private date(target: Target, node: JsonNode): unknown {
    switch (node.token) {
      case 'String': {
        if (node.value === '') return this.nullFor(target, node);
        const parsed = this.readerDate(node);
        if (parsed !== undefined) return parsed;
        const ticks = parseDotNetDateText(node.value);
        return ticks === null
          ? this.fail(node, `Could not convert string to DateTime: ${node.value}.`)
          : boundDate(ticks);
      }
      case 'Null':
        return this.nullFor(target, node);
      default:
        return this.fail(node, `Error reading date. Unexpected token: ${tokenName(node)}.`);
    }
  }

  /**
   * `UtcSecondsConverter` (IsoDateTimeConverter, `yyyy-MM-dd'T'HH:mm:ss'Z'`):
   * the reader has already turned its own date forms into dates; any other
   * text goes to `DateTime.ParseExact` with that format, which takes nothing
   * the reader did not.
   */
  private convertedDate(target: Target, node: JsonNode): unknown {
    if (node.token === 'Null') return this.nullFor(target, node);
    if (node.token !== 'String')
      return this.fail(
        node,
        `Unexpected token parsing date. Expected String, got ${tokenName(node)}.`,
      );
    if (node.value === '' && target.nullable) return null;
    const parsed = this.readerDate(node);
    if (parsed !== undefined) return parsed;
    return this.failPlain(
      node,
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(node.value)
        ? `The DateTime represented by the string is not supported in calendar ${node.value}.`
        : 'String was not recognized as a valid DateTime.',
    );
  }

  /** A date the reader itself recognises; INVALID when it throws; undefined when not a date to it. */
  private readerDate(node: JsonNode & { token: 'String' }): unknown {
    const parsed: NewtonsoftDate | undefined = parseNewtonsoftDate(node.value);
    if (parsed === undefined) return undefined;
    if ('error' in parsed) return this.failPlain(node, parsed.error);
    return boundDate(parsed.utcTicks);
  }

  /** `Read()` then `EnsureType`: bool, Guid, long, double, enums. */
  private converted(target: Target, node: JsonNode): unknown {
    if (node.token === 'Null') return this.nullFor(target, node);
    if (node.token === 'String' && node.value === '')
      return target.nullable ? null : this.conversionError(target, node);
    let number: NumberToken | undefined;
    if (node.token === 'Number') {
      const read = readNumber(node.text);
      if (typeof read === 'string') return this.fail(node, read);
      number = read;
    } else if (node.token === 'Float') number = { token: 'Float', value: node.value };
    const text = node.token === 'String' ? node.value : undefined;
    let value: unknown;
    switch (target.type.kind) {
      case 'bool':
        if (node.token === 'Boolean') value = node.value;
        else if (number)
          value = number.token === 'Integer' ? number.digits !== '0' : number.value !== 0;
        else if (text !== undefined) value = parseBoolean(text, false);
        break;
      case 'guid':
        if (text !== undefined) value = parseGuid(text);
        break;
      case 'long':
        if (number?.token === 'Integer') {
          const integer = smallInteger(number.digits, 16);
          if (Number.isSafeInteger(integer)) value = integer;
        } else if (text !== undefined) value = parseInt64(text);
        break;
      case 'double':
        if (number) value = number.token === 'Integer' ? Number(number.digits) : number.value;
        else if (text !== undefined) value = parseDouble(text);
        break;
      case 'enum':
        if (number?.token === 'Integer') {
          const integer = smallInteger(number.digits, 10);
          if (integer !== undefined && integer >= -2147483648 && integer <= 2147483647)
            value = integer;
        } else if (text !== undefined) value = this.enumValue(target.type, text);
        break;
    }
    return value === undefined ? this.conversionError(target, node) : value;
  }

  private enumValue(type: TypePlan & { kind: 'enum' }, text: string): number | undefined {
    const lower = text.trim().toLowerCase();
    for (const [name, value] of type.valueOf) if (name.toLowerCase() === lower) return value;
    return parseInt32(text);
  }

  private contract(plan: ContractPlan, target: Target, node: JsonNode): unknown {
    if (node.token === 'Null') return null;
    if (node.token === 'StartArray')
      return this.fail(node, cannotDeserializeArray(clrContractName(plan)));
    if (node.token !== 'StartObject') return this.conversionError(target, node);
    const instance = new plan.cls() as Record<string, unknown>;
    const seen = new Set<MemberPlan>();
    for (const { name, value } of node.members) {
      if (isDangerousKey(name)) {
        // Deliberate deviation: Web API would skip it as an unknown member.
        this.errors.add(value?.path ?? name, `The member name '${name}' is not allowed.`);
        continue;
      }
      if (!value) continue; // cut short by a syntax error
      const member = plan.jsonByName.get(name) ?? plan.jsonByLowerName.get(name.toLowerCase());
      if (!member || member.readOnly) {
        this.skip(value);
        continue;
      }
      seen.add(member);
      const converted = this.value(
        {
          type: member.type,
          nullable: member.nullable,
          isoConverter: member.type.kind === 'date' && member.jsonDateStyle === 'utc-seconds',
        },
        value,
      );
      instance[member.property] = converted === INVALID ? defaultValue(member) : converted;
    }
    for (const member of plan.allMembers) {
      if (member.readOnly || seen.has(member)) continue;
      instance[member.property] = defaultValue(member);
      if (member.required && node.end)
        this.fail(node.end, `Required property '${member.jsonName}' not found in JSON.`);
    }
    return instance;
  }

  private items(item: TypePlan, node: JsonNode & { token: 'StartArray' }): unknown[] {
    const result: unknown[] = [];
    for (const child of node.items) {
      if (!child) continue;
      const converted = this.value({ type: item, nullable: false, isoConverter: false }, child);
      if (converted !== INVALID) result.push(converted);
    }
    return result;
  }

  private list(item: TypePlan, target: Target, node: JsonNode): unknown {
    if (node.token === 'Null') return null;
    if (node.token === 'StartObject')
      // Newtonsoft reads one token ahead (looking for `$type`) before it gives up
      return this.failAt(
        node.path,
        node.lookahead ?? node,
        cannotDeserializeObject(clrName(target.type)),
      );
    if (node.token !== 'StartArray') return this.conversionError(target, node);
    return this.items(item, node);
  }

  /** A `[CollectionDataContract]` class: a JSON array of its items. */
  private collection(plan: ContractPlan, target: Target, node: JsonNode): unknown {
    const item = plan.collection!.item;
    const list = this.list(
      item,
      { ...target, type: { kind: 'list', item, itemXmlName: '', itemNamespace: '' } },
      node,
    );
    if (list === INVALID || list === null) return list;
    const collection = new plan.cls() as unknown[];
    for (const value of list as unknown[]) collection.push(value);
    return collection;
  }

  /** An unknown member's value is still read (`JsonReader.Skip`): its numbers and dates can throw. */
  private skip(node: JsonNode): void {
    if (node.token === 'Number') {
      const read = readNumber(node.text);
      if (typeof read === 'string') this.fail(node, read);
    } else if (node.token === 'String') {
      const parsed = parseNewtonsoftDate(node.value);
      if (parsed && 'error' in parsed) this.failPlain(node, parsed.error);
    } else if (node.token === 'StartObject') {
      for (const member of node.members) if (member.value) this.skip(member.value);
    } else if (node.token === 'StartArray') {
      for (const item of node.items) if (item) this.skip(item);
    }
  }

  /** A .NET `object` member: plain data, null-prototype objects, depth-limited. */
  private freeForm(node: JsonNode, depth: number): unknown {
    if (depth > MAX_FREE_FORM_DEPTH) return this.failPlain(node, 'The value is nested too deeply.');
    switch (node.token) {
      case 'String':
      case 'Boolean':
      case 'Float':
        return node.value;
      case 'Null':
      case 'Undefined':
        return null;
      case 'Number': {
        const read = readNumber(node.text);
        if (typeof read === 'string') return this.fail(node, read);
        return read.token === 'Integer' ? Number(read.digits) : read.value;
      }
      case 'StartArray':
        return node.items.filter(Boolean).map((item) => this.freeForm(item, depth + 1));
      case 'StartObject': {
        const copy = Object.create(null) as Record<string, unknown>;
        for (const { name, value } of node.members) {
          if (isDangerousKey(name))
            this.errors.add(value?.path ?? name, `The member name '${name}' is not allowed.`);
          else if (value) copy[name] = this.freeForm(value, depth + 1);
        }
        return copy;
      }
      default:
        return this.fail(node, `Unexpected token: ${node.token}.`);
    }
  }
}
