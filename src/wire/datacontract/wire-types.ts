/**
 * The vocabulary of contract declarations: what a member's type is and how it
 * is written. One declaration drives every writer, reader, validation and OpenAPI.
 */

/** How a .NET DateTime prints (SPEC 4.4). */
export type DateStyle = 'local' | 'utc' | 'utc-seconds' | 'utc-millis';

export type ScalarKind = 'string' | 'int' | 'long' | 'double' | 'bool' | 'guid' | 'date';

export type WireFormat = 'json' | 'xml';

/** A class whose instances a contract describes (no-argument constructor). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ContractClass<T = any> = new () => T;

/** A TypeScript enum object (numeric members), e.g. `RecordState`. */
export type EnumObject = Record<string, string | number>;

export type WireType =
  | { readonly kind: ScalarKind }
  | { readonly kind: 'enum'; readonly enumObject: EnumObject; readonly name: string }
  | { readonly kind: 'contract'; readonly target: () => ContractClass }
  | { readonly kind: 'list'; readonly item: WireType }
  /** A .NET `object` member: the runtime value decides (`i:type` in XML). */
  | { readonly kind: 'object' };

/** Values handed to computed members at write time. */
export interface WriteContext {
  /** IANA zone whose offset Local-kind dates print with. */
  readonly timeZone: string;
  /** Milliseconds since the epoch; computed members compare against it. */
  readonly now: number;
}

/** Options of `@WireMember` (the `[DataMember]` + `[JsonProperty]` pair). */
export interface MemberOptions {
  type: WireType;
  /** `[DataMember(Name)]`; defaults to the property name. */
  xmlName?: string;
  /** `[JsonProperty(name)]`; defaults to the XML name. */
  jsonName?: string;
  /** Formats that carry the member: `both` (default), `xml` (`[JsonIgnore]`), `json` (no `[DataMember]`), `none`. */
  in?: 'both' | 'xml' | 'json' | 'none';
  /** A value type that accepts null (`int?`, `bool?`, `Guid?`, `DateTime?`). */
  nullable?: boolean;
  /** `NullValueHandling.Ignore`: the JSON member is left out when null. */
  jsonIgnoreNull?: boolean;
  /** Date style in both formats (default `local`). */
  dateStyle?: DateStyle;
  jsonDateStyle?: DateStyle;
  xmlDateStyle?: DateStyle;
  /** `[DataMember(IsRequired = true)]`: a body without it is a 400 in every format. */
  required?: boolean;
  /** `[DataMember(Order)]`: XML members sort by order, then ordinally by name. */
  order?: number;
  /**
   * A derived member, evaluated at write time and never read from input
   * (e.g. `RefreshToken` reads `Props`). Without it, a getter-only member is
   * read through its getter.
   */
  computed?: (self: never, context: WriteContext) => unknown;
  /** OpenAPI description. */
  description?: string;
}

export interface ContractOptions {
  /** XML root / type name; defaults to the class name. */
  name?: string;
  /** XML namespace, e.g. `http://schemas.datacontract.org/2004/07/Model.Dto`. */
  namespace: string;
}

export interface CollectionOptions extends ContractOptions {
  /** `[CollectionDataContract(ItemName)]`. */
  itemName: string;
  item: WireType;
}

/** Helpers to spell member types: `t.int()`, `t.list(t.string())`, `t.contract(() => X)`. */
export const t = {
  string: (): WireType => STRING,
  int: (): WireType => INT,
  long: (): WireType => LONG,
  double: (): WireType => DOUBLE,
  bool: (): WireType => BOOL,
  guid: (): WireType => GUID,
  date: (): WireType => DATE,
  object: (): WireType => OBJECT,
  enum: (enumObject: EnumObject, name: string): WireType => ({ kind: 'enum', enumObject, name }),
  contract: (target: () => ContractClass): WireType => ({ kind: 'contract', target }),
  list: (item: WireType): WireType => ({ kind: 'list', item }),
};

const STRING: WireType = { kind: 'string' };
const INT: WireType = { kind: 'int' };
const LONG: WireType = { kind: 'long' };
const DOUBLE: WireType = { kind: 'double' };
const BOOL: WireType = { kind: 'bool' };
const GUID: WireType = { kind: 'guid' };
const DATE: WireType = { kind: 'date' };
const OBJECT: WireType = { kind: 'object' };

export const DATA_CONTRACT_NS = 'http://schemas.datacontract.org/2004/07/';
export const ARRAYS_NS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
export const SERIALIZATION_NS = 'http://schemas.microsoft.com/2003/10/Serialization/';
