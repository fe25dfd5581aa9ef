/**
 * What the signed-in person may do, so the console offers nothing else. The
 * server decides every request anyway; these mirror src/users/privileges.ts
 * and the roles the initial migration creates.
 */
export const ROLE_PERMISSIONS: Record<string, string[]> = {
  admin: ['admin', 'session.read', 'session.delete', 'user.write'],
  'session-auditor': ['session.read'],
  'session-manager': ['session.read', 'session.delete'],
  'user-manager': ['user.write'],
};

export const can = (held: readonly string[], permission: string): boolean =>
  held.includes(permission) || held.includes('admin');

/** Privileges flow downward: only accounts whose permissions are all held (an unknown role: never). */
export const mayActOn = (held: readonly string[], targetRoles: readonly string[]): boolean =>
  targetRoles.every((role) =>
    (ROLE_PERMISSIONS[role] ?? ['?']).every((permission) => can(held, permission)),
  );

/** Roles whose every permission is held: the ones the person may grant. */
export const grantableRoles = (held: readonly string[]): string[] =>
  Object.keys(ROLE_PERMISSIONS).filter((role) => mayActOn(held, [role]));
