import { DomainError, ErrorKind } from '@/platform/errors/domain-error';

/** Every code authentication raises. */
export type AuthErrorCode =
  'Unauthenticated' | 'InvalidApiKey' | 'InvalidCredentials' | 'TooManyRequests';

const error = (kind: ErrorKind, code: AuthErrorCode, message?: string) =>
  new DomainError(kind, code, message);

/**
 * The errors authentication raises. A 401 carries no text of its own: the
 * wire layer writes the one .NET text every 401 shows.
 */
export const AuthErrors = {
  /** No valid bearer token on a route that needs one. */
  unauthenticated: () => error('Unauthenticated', 'Unauthenticated'),
  invalidApiKey: () => error('Unauthenticated', 'InvalidApiKey'),
  /** Unknown user, wrong password, locked, blocked or disabled: one answer for all. */
  invalidCredentials: () => error('Unauthenticated', 'InvalidCredentials'),
  tooManyRequests: (message: string) => error('ResourceExhausted', 'TooManyRequests', message),
};
