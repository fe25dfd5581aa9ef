import { PASSWORD_MAX_LENGTH } from '@/users/passwords/password-hasher';
import { isStorableText } from '@/platform/text/storable-text';
import { isValidUsername } from '@/users/users.service';

/**
 * Whether a login's credentials may be sent to the legacy service at all.
 * The name must be one a user could be created with here (1..256 storable
 * characters without spaces), since an accepted check creates it. A colon is
 * refused: HTTP Basic splits at the first one, so `bob:x` with password `y`
 * would reach the legacy service as user `bob` with password `x:y` and
 * create `bob:x` from bob's password. The password must be what argon2 can
 * hash as typed (storable, at most PASSWORD_MAX_LENGTH code points) and not
 * empty; its minimum length is not checked, as the user chose it under the
 * legacy service's rules.
 */
export function mayAskLegacyService(username: string, password: string): boolean {
  return (
    isValidUsername(username) &&
    isStorableText(username) &&
    !username.includes(':') &&
    password.length > 0 &&
    [...password].length <= PASSWORD_MAX_LENGTH &&
    isStorableText(password)
  );
}
