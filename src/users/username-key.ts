import { DomainError } from '@/platform/errors/domain-error';
import { isStorableText } from '@/platform/text/storable-text';

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * The key a username is unique by and looked up by: `E\u0301mile` and
 * `Émile`, `straſse`, `straße` and `STRASSE`, `Ｂｏｂ` and `bob` name one
 * account. An approximation of Unicode's NFKC_Casefold built from what
 * JavaScript has: NFKC (compatibility forms: ſ → s, full-width → ASCII,
 * ligatures), default-ignorable code points dropped (soft hyphen, zero-width
 * joiner), then full case folding as upper-then-lower case mapping (ß → SS →
 * ss, K (Kelvin) → k; upper first, so lower-casing sees one spelling and
 * Greek final sigma comes out the same for every input), then NFKC again,
 * since case mapping can leave text unnormalised. The username itself is
 * kept as entered, for display.
 *
 * Null for text that cannot be stored (U+0000, unpaired surrogates): no
 * account has such a name, so a lookup by it finds nobody without a query.
 */
export function usernameKey(username: string): string | null {
  if (!isStorableText(username)) return null;
  return username
    .normalize('NFKC')
    .replace(IGNORABLE, '')
    .toUpperCase()
    .toLowerCase()
    .normalize('NFKC');
}

/** The key to store with a username; a name that cannot be stored is the `InvalidUsername` 400. */
export function storedUsernameKey(username: string): string {
  const key = usernameKey(username);
  if (key === null) {
    throw new DomainError(
      'InvalidArgument',
      'InvalidUsername',
      'username must not contain U+0000 or an unpaired surrogate',
    );
  }
  return key;
}

/**
 * What a username search matches: the normalised name, or for a row whose key
 * the UsernameKey migration left NULL (a reported collision) an approximation
 * in SQL (NFKC, lower case), so administrators can still find it to rename it.
 */
export const USERNAME_SEARCH_KEY = 'coalesce(u.username_key, lower(normalize(u.username, NFKC)))';

/** `%key%` for a LIKE on USERNAME_SEARCH_KEY; null when no name can contain `search`. */
export function usernameSearchPattern(search: string): string | null {
  const key = usernameKey(search);
  return key === null ? null : `%${escapeLike(key)}%`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
