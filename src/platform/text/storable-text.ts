/**
 * Text the database can hold. PostgreSQL refuses U+0000 in `text`/`varchar`
 * (22021) and in `jsonb` (22P05), and an unpaired UTF-16 surrogate has no
 * UTF-8 form (the driver would silently turn it into U+FFFD, so "bob\uD800"
 * would be stored, or looked up, as "bob\uFFFD"). Both are legal in a .NET
 * string and DataContractSerializer reads `&#0;` and `&#xD800;`, so the wire
 * layer binds them; the domain decides: a lookup by such text finds nobody,
 * a value to be stored is refused, an audit detail is escaped.
 */

/** U+0000, a high surrogate without its low half, or a low one without its high half (code units, no `u` flag). */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what is looked for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** Each unstorable code unit written as the six characters `\uXXXX`; anything else is kept. */
export function escapeUnstorable(text: string): string {
  return text.replace(
    UNSTORABLE_ALL,
    (unit) => `\\u${unit.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/**
 * Paths (`Email`, `ViewInfo.Id`, `WebPopupIds[2]`) of the strings inside
 * `value` (objects and arrays, walked deeply) that cannot be stored.
 */
export function unstorablePaths(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return isStorableText(value) ? [] : [path];
  if (Array.isArray(value))
    return value.flatMap((item, index) => unstorablePaths(item, `${path}[${index}]`));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([key, item]) =>
      unstorablePaths(item, path === '' ? key : `${path}.${key}`),
    );
  }
  return [];
}
