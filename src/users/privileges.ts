import { Injectable } from '@nestjs/common';
import { AuditRepository } from '@/audit/audit.repository';
import { AuditAction } from '@/audit/audit-actions';
import { DomainError } from '@/platform/errors/domain-error';
import { UsersRepository } from './users.repository';

/** The permission that implies every other one. */
export const ADMIN_PERMISSION = 'admin';

/** Whether `held` grants `permission` (`admin` grants everything). */
export function holdsPermission(held: readonly string[], permission: string): boolean {
  return held.includes(permission) || held.includes(ADMIN_PERMISSION);
}

/**
 * Whether `held` covers every permission in `required`: the "subset" of the
 * privilege rule. An empty `required` (a role-less account) is always covered.
 */
export function holdsAll(held: readonly string[], required: readonly string[]): boolean {
  return required.every((permission) => holdsPermission(held, permission));
}

/** Who acts on an account: their permissions and where they call from. */
export interface PrivilegedActor {
  userId: number;
  permissions: readonly string[];
  ip: string | null;
}

/** Why an action on an account was refused; also the admin `err_<code>`. */
export type RefusalReason =
  | 'PermissionDenied'
  | 'RoleNotHeld'
  | 'TargetOutranksCaller'
  | 'CannotChangeOwnRoles'
  | 'LastAdministrator';

const MESSAGES: Record<RefusalReason, string> = {
  PermissionDenied: 'The caller lacks the permission this action needs.',
  RoleNotHeld: 'The caller may only grant roles whose permissions it holds.',
  TargetOutranksCaller: 'The account holds permissions the caller lacks.',
  CannotChangeOwnRoles: 'No caller may change its own roles.',
  LastAdministrator: 'The last active administrator cannot be blocked, disabled or demoted.',
};

/** What a refusal was about, for its audit event. */
export interface Refusal {
  /** The action refused: an audit action (`user.blocked`) or a route (`POST /api/...`). */
  attempted: AuditAction | string;
  reason: RefusalReason;
  subjectUserId?: number | null;
  details?: Record<string, string>;
}

/**
 * SPEC 5, "privileges only flow downward": a caller grants only roles whose
 * permissions it holds and acts only on accounts whose permissions are a
 * subset of its own. Every refusal is audited (`access.denied`) and thrown as
 * a 403 DomainError whose code names the reason.
 */
@Injectable()
export class Privileges {
  constructor(
    private readonly users: UsersRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** Refuses unless every permission of the target account is held by the actor. */
  async assertMayActOn(
    actor: PrivilegedActor,
    targetUserId: number,
    attempted: AuditAction,
  ): Promise<void> {
    if (targetUserId === actor.userId) return;
    const target = await this.users.permissionsOf(targetUserId);
    if (!holdsAll(actor.permissions, target))
      throw await this.refusal(actor, {
        attempted,
        reason: 'TargetOutranksCaller',
        subjectUserId: targetUserId,
      });
  }

  /** Refuses unless the actor holds every permission the named roles carry. */
  async assertMayGrant(
    actor: PrivilegedActor,
    roles: string[],
    context: Omit<Refusal, 'reason'>,
  ): Promise<void> {
    if (roles.length === 0) return;
    const granted = await this.users.permissionsOfRoles(roles);
    if (!holdsAll(actor.permissions, granted))
      throw await this.refusal(actor, { ...context, reason: 'RoleNotHeld' });
  }

  /** Records the refusal and returns its 403, for the caller to throw. */
  async refusal(
    actor: Omit<PrivilegedActor, 'permissions'>,
    refusal: Refusal,
  ): Promise<DomainError> {
    await this.audit.record({
      action: 'access.denied',
      actorUserId: actor.userId,
      subjectUserId: refusal.subjectUserId ?? null,
      ip: actor.ip,
      details: { ...refusal.details, attempted: refusal.attempted, reason: refusal.reason },
    });
    return new DomainError('PermissionDenied', refusal.reason, MESSAGES[refusal.reason]);
  }
}
