import { DomainError, ErrorKind, ModelState } from '@/platform/errors/domain-error';

/** Every code the legacy surface raises. */
export type LegacyErrorCode =
  | 'MissingCredentials'
  | 'MissingRefreshToken'
  | 'SessionEnded'
  | 'UserNotActive'
  | 'NoUserNamed'
  | 'MissingIp'
  | 'InvalidIp'
  | 'UnstorableText';

const error = (kind: ErrorKind, code: LegacyErrorCode, modelState?: ModelState) =>
  new DomainError(kind, code, undefined, modelState);

/**
 * The errors the legacy surface raises. They carry no .NET texts: the wire
 * layer writes "Authorization has been denied…" on every 401 and "The request
 * is invalid." on every 400 with a ModelState.
 */
export const LegacyErrors = {
  missingCredentials: () => error('Unauthenticated', 'MissingCredentials'),
  missingRefreshToken: () => error('Unauthenticated', 'MissingRefreshToken'),
  /** `GET Auth/Session` after the session ended (between token check and answer). */
  sessionEnded: () => error('Unauthenticated', 'SessionEnded'),
  /** A federated login for a blocked or disabled account. */
  userNotActive: () => error('Unauthenticated', 'UserNotActive'),
  noUserNamed: () =>
    error('InvalidArgument', 'NoUserNamed', {
      'usuario.Id': ['Name the user by Id, IdUser or Username.'],
    }),
  missingIp: () => error('InvalidArgument', 'MissingIp', { IP: ['The IP field is required.'] }),
  invalidIp: () =>
    error('InvalidArgument', 'InvalidIp', { IP: ['The IP field is not an IPv4 or IPv6 address.'] }),
  unstorableText: (modelState: ModelState) =>
    error('InvalidArgument', 'UnstorableText', modelState),
};
