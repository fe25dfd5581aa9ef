import { DomainError } from '@/platform/errors/domain-error';

/**
 * Every error the v2 session API raises on purpose. The `code` becomes the
 * `details[0].id` of the v2 error body; the kind decides status and gRPC code.
 */
export const V2Errors = {
  invalidLifetime: (value: string) =>
    new DomainError(
      'InvalidArgument',
      'SessionLifetimeInvalid',
      `lifetime must be a positive duration in seconds such as "3600s" (got "${value.slice(0, 40)}")`,
    ),
  missing: (field: string) =>
    new DomainError('InvalidArgument', 'FieldRequired', `${field} is required`),
  invalidTimestampMethod: (value: string) =>
    new DomainError(
      'InvalidArgument',
      'TimestampMethodInvalid',
      `unknown timestamp query method "${value.slice(0, 60)}"`,
    ),
  invalidPaging: (message: string) =>
    new DomainError('InvalidArgument', 'ListQueryInvalid', message),
  userMismatch: () =>
    new DomainError(
      'InvalidArgument',
      'SessionUserMismatch',
      "checks.user does not name the session's user",
    ),
  notFound: () =>
    new DomainError('NotFound', 'SessionNotFound', 'Session not found or already terminated'),
  forbidden: () =>
    new DomainError(
      'PermissionDenied',
      'SessionPermissionDenied',
      'The caller is not allowed to access this session',
    ),
  tokenInvalid: () =>
    new DomainError(
      'PermissionDenied',
      'SessionTokenInvalid',
      'The sessionToken is not valid for this session',
    ),
};
