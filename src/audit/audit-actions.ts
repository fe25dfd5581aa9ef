/**
 * Every action the audit trail records. Its own file without imports, so the
 * admin console's bundle (web/admin) offers the same list as its filter.
 */
export const AUDIT_ACTIONS = [
  'login.succeeded',
  'login.failed',
  'login.locked_out',
  'login.migration_failed',
  'session.created',
  'session.refreshed',
  'session.ended',
  'session.token_reused',
  'session.limit_reached',
  'session.bulk_revoked',
  'user.created',
  'user.migrated',
  'user.updated',
  'user.blocked',
  'user.unblocked',
  'user.disabled',
  'user.password_reset',
  'role.session_limit_changed',
  'users.imported',
  'access.denied',
  'webhook.added',
  'webhook.disabled',
  'webhook.redelivered',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
