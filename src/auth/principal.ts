/** The authenticated caller, as the guards attach it to the request. */
export interface Principal {
  userId: number;
  userGuid: string;
  sessionId: number;
  permissions: readonly string[];
}

export const ADMIN_PERMISSION = 'admin';

/** `admin` implies every permission. */
export function hasPermission(principal: Principal, permission: string): boolean {
  return (
    principal.permissions.includes(permission) || principal.permissions.includes(ADMIN_PERMISSION)
  );
}
