import { holdsPermission } from '@/users/privileges';

/** The authenticated caller, as the guards attach it to the request. */
export interface Principal {
  userId: number;
  userGuid: string;
  sessionId: number;
  permissions: readonly string[];
}

/** `admin` implies every permission. */
export function hasPermission(principal: Principal, permission: string): boolean {
  return holdsPermission(principal.permissions, permission);
}
