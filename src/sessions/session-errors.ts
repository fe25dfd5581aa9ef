import { DomainError } from '@/platform/errors/domain-error';

/** Every code the sessions domain raises. */
export type SessionErrorCode = 'InvalidToken' | 'SessionLimitReached';

/** The errors the sessions domain raises (the wire layer writes a 401's text). */
export const SessionErrors = {
  /** A refresh/session token that is unknown, rotated, or whose session or owner is gone. */
  invalidToken: () => new DomainError('Unauthenticated', 'InvalidToken' satisfies SessionErrorCode),
};

/** A login over the owner's session limit under the `reject` policy. */
export class SessionLimitReached extends DomainError {
  constructor(readonly limit: number) {
    super(
      'PermissionDenied',
      'SessionLimitReached' satisfies SessionErrorCode,
      `The user already holds the maximum number of concurrent sessions (${limit}).`,
    );
  }
}
