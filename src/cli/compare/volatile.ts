/**
 * Values that differ between two correct answers: tokens, timestamps, GUIDs,
 * database ids. Each is reduced to its *shape* (a JWT vs an opaque token, a
 * `\/Date()\/` vs an ISO date with an offset, with Z or with neither, a lower-
 * vs upper-case GUID), because a client that parses one form breaks on the
 * other: two values of the same shape are equal up to volatile values, two
 * shapes are a difference.
 */
export const VOLATILE_KINDS = ['token', 'date', 'guid', 'id', 'any'] as const;
export type VolatileKind = (typeof VOLATILE_KINDS)[number];

const JWT = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const OPAQUE_TOKEN = /^[A-Za-z0-9+/=_.~-]{16,}$/;
const MS_DATE = /^\\?\/Date\((-?\d+)([+-]\d{4})?\)\\?\/$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?$/;
/** Inside a longer text: ISO 8601, or DateTime.ToString()'s en-US general form (`5/20/2024 4:23:26 AM`). */
const EMBEDDED_DATE =
  /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:?\d{2})?|\b\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2}(?: [AP]M)?/g;
const GUID =
  /^(\{)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(\})?$/;
const INTEGER = /^-?\d{1,20}$/;
const TOKEN_MEMBER = /token/i;
/** `SessionID`, `UserId`, `userID`, `id`, `user_id`; not `IdRole` or `Valid`. */
const ID_MEMBER = /(?:^|[a-z0-9_])(?:Id|ID)$|^id$|_id$/;

export function tokenShape(value: string): string | null {
  if (JWT.test(value)) return 'token (JWT)';
  return OPAQUE_TOKEN.test(value) ? 'token (opaque)' : null;
}

export function dateShape(value: string): string | null {
  const ms = MS_DATE.exec(value);
  if (ms) return ms[2] ? 'date (\\/Date(ms±hhmm)\\/)' : 'date (\\/Date(ms)\\/)';
  const iso = ISO_DATE.exec(value);
  if (!iso) return null;
  // Not the fraction: .NET writes up to seven digits and drops trailing zeros, so any length is one form.
  const zone = iso[1] === undefined ? 'unspecified' : iso[1] === 'Z' ? 'Z' : 'offset';
  return `date (ISO 8601, ${zone})`;
}

/** `admin on 12/1/2026 4:30:00 AMZ` (an audit summary): the text around the date must match. */
export function textWithDateShape(value: string): string | null {
  const text = value.replace(EMBEDDED_DATE, '‹date›');
  return text === value ? null : `text with a date (${text})`;
}

export function guidShape(value: string): string | null {
  const guid = GUID.exec(value);
  if (!guid || Boolean(guid[1]) !== Boolean(guid[2])) return null;
  const letters = value.replace(/[^a-fA-F]/g, '');
  const casing =
    letters === letters.toLowerCase()
      ? 'lower'
      : letters === letters.toUpperCase()
        ? 'upper'
        : 'mixed';
  return `guid (${guid[1] ? 'braced, ' : ''}${casing})`;
}

export function idShape(value: string): string | null {
  return INTEGER.test(value) ? 'id' : null;
}

/**
 * The built-in rules for one scalar: JWT-shaped anywhere, long opaque strings
 * in token-named members, .NET date forms, GUIDs, integers in `*Id`/`*ID`
 * members. `quoted` says whether the value was a JSON string (an id sent as
 * `"5"` is not the same answer as `5`).
 */
export function builtInShape(member: string | null, value: string, quoted: boolean): string | null {
  const kindOf = quoted ? 'string' : 'number';
  if (quoted) {
    if (JWT.test(value)) return 'token (JWT)';
    if (member !== null && TOKEN_MEMBER.test(member) && OPAQUE_TOKEN.test(value))
      return 'token (opaque)';
    const shape = dateShape(value) ?? guidShape(value) ?? textWithDateShape(value);
    if (shape) return shape;
  }
  if (member !== null && ID_MEMBER.test(member) && INTEGER.test(value)) return `id (${kindOf})`;
  return null;
}

/** A user rule names the kind: the value must still have that kind's shape. */
export function shapeOfKind(kind: VolatileKind, value: string): string | null {
  switch (kind) {
    case 'token':
      return value === '' ? null : (tokenShape(value) ?? 'token (text)');
    case 'date':
      return dateShape(value);
    case 'guid':
      return guidShape(value);
    case 'id':
      return idShape(value);
    case 'any':
      return 'any';
  }
}

/** Headers every correct answer changes: compared for presence (Set-Cookie: names and attributes). */
export const VOLATILE_HEADERS = ['date', 'etag', 'set-cookie', 'x-request-id'];

/** The headers a client acts on; everything else (Server, X-Powered-By, Content-Length...) is not compared. */
export const COMPARED_HEADERS = [
  'content-type',
  'content-encoding',
  'content-language',
  'location',
  'www-authenticate',
  'cache-control',
  'pragma',
  'expires',
  'vary',
  'allow',
  ...VOLATILE_HEADERS,
];

/** `a=1; Path=/; Expires=...` → `a=…; path=/`: a new cookie value and expiry each time is expected. */
export function cookieShape(value: string): string {
  const [pair, ...attributes] = value.split(';').map((part) => part.trim());
  const name = pair.split('=')[0];
  const kept = attributes
    .filter((attribute) => !/^(expires|max-age)=/i.test(attribute))
    .map((attribute) => attribute.toLowerCase());
  return [`${name}=…`, ...kept].join('; ');
}
