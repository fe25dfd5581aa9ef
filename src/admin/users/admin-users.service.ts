import { Injectable } from '@nestjs/common';
import { PagedList, toPagedList } from '@/admin/common/page.contract';
import { AdminActor } from '@/admin/common/admin-actor';
import { AuditRepository } from '@/audit/audit.repository';
import { AuditAction } from '@/audit/audit-actions';
import { DomainError } from '@/platform/errors/domain-error';
import { PageRequest } from '@/platform/paging/page';
import { SessionsService } from '@/sessions/sessions.service';
import { UserEntity } from '@/users/entities/user.entity';
import { Privileges } from '@/users/privileges';
import { AccountPatch, StateChange, UsersRepository } from '@/users/users.repository';
import { UsersService } from '@/users/users.service';
import { AdminUser, AdminUserPage, UserActionResponse } from './user.contract';
import { CreateAccountInput } from './user-input';
import { toAdminUser, toUserActionResponse } from './user.mapper';

const notFound = () => new DomainError('NotFound', 'UserNotFound', 'No user has that GUID');

/** Each state change: its audit action (also the session end reason), whether it ends sessions, its 409. */
const TRANSITIONS = {
  block: {
    action: 'user.blocked',
    endsSessions: true,
    conflict: 'AlreadyBlocked',
    state: 'already blocked',
  },
  unblock: {
    action: 'user.unblocked',
    endsSessions: false,
    conflict: 'NotBlocked',
    state: 'not blocked',
  },
  disable: {
    action: 'user.disabled',
    endsSessions: true,
    conflict: 'AlreadyDisabled',
    state: 'already disabled',
  },
} as const satisfies Record<
  string,
  { action: AuditAction; endsSessions: boolean; conflict: string; state: string }
>;

export type UserTransition = keyof typeof TRANSITIONS;

/**
 * User management for the dashboard. Every change is audited; blocking,
 * disabling and a password reset end the user's sessions through SessionsService.
 */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly accounts: UsersService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditRepository,
    private readonly privileges: Privileges,
  ) {}

  async list(search: string | undefined, page: PageRequest): Promise<PagedList<AdminUser>> {
    return toPagedList(AdminUserPage, await this.users.list(search, page), toAdminUser);
  }

  async get(guid: string): Promise<AdminUser> {
    return toAdminUser(await this.require(guid));
  }

  /** The caller may only give the new user roles whose permissions it holds. */
  async create(input: CreateAccountInput, actor: AdminActor): Promise<AdminUser> {
    this.accounts.assertValidUsername(input.username);
    await this.assertKnownRoles(input.roles);
    await this.privileges.assertMayGrant(actor, input.roles, {
      attempted: 'user.created',
      details: { username: input.username, roles: input.roles.join(',') },
    });
    const user = await this.accounts.createAccount(input);
    await this.record('user.created', actor, user.id, { username: user.username });
    return toAdminUser(user);
  }

  /**
   * Only on an account whose permissions are a subset of the caller's; new
   * roles only when the caller holds their permissions; never the caller's
   * own roles (resending the same set is no change); never the last active
   * administrator's `admin`.
   */
  async update(guid: string, patch: AccountPatch, actor: AdminActor): Promise<AdminUser> {
    const user = await this.require(guid);
    if (patch.username !== undefined) {
      this.accounts.assertValidUsername(patch.username);
      const holder = await this.users.findByUsername(patch.username);
      if (holder && holder.id !== user.id) throw userExists(patch.username);
    }
    if (patch.roles) await this.assertKnownRoles(patch.roles);
    const roleDetails = patch.roles && { roles: patch.roles.join(',') };
    if (patch.roles && user.id === actor.userId && !sameRoles(user, patch.roles)) {
      throw await this.privileges.refusal(actor, {
        attempted: 'user.updated',
        reason: 'CannotChangeOwnRoles',
        subjectUserId: user.id,
        details: roleDetails,
      });
    }
    await this.privileges.assertMayActOn(actor, user.id, 'user.updated');
    if (patch.roles)
      await this.privileges.assertMayGrant(actor, patch.roles, {
        attempted: 'user.updated',
        subjectUserId: user.id,
        details: roleDetails,
      });
    const updated = await this.users.updateAccount(user.id, patch).catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505') throw userExists(patch.username ?? '');
      throw error;
    });
    if (updated.outcome === 'notFound') throw notFound();
    if (updated.outcome === 'lastAdministrator')
      throw await this.lastAdministrator(actor, user.id, 'user.updated');
    // This instance's cached token checks drop the old permissions at once; others within the cache TTL.
    if (patch.roles) this.sessions.forgetPermissionsOf(user.id);
    await this.record('user.updated', actor, user.id, {
      fields: Object.keys(patch).sort().join(','),
    });
    return toAdminUser(updated.user);
  }

  /**
   * Block, unblock or disable, on an account whose permissions are a subset of
   * the caller's: one atomic UPDATE; 409 when the user is already in that
   * state, 403 when it would leave no active administrator.
   */
  async transition(
    guid: string,
    kind: UserTransition,
    actor: AdminActor,
  ): Promise<UserActionResponse> {
    const user = await this.require(guid);
    const { action, endsSessions, conflict, state } = TRANSITIONS[kind];
    await this.privileges.assertMayActOn(actor, user.id, action);
    const change: StateChange = await this.users[kind](user.id);
    if (change === 'lastAdministrator') throw await this.lastAdministrator(actor, user.id, action);
    if (change === 'unchanged')
      throw new DomainError('AlreadyExists', conflict, `the user is ${state}`);
    await this.record(action, actor, user.id);
    const ended = endsSessions ? await this.endSessions(user.id, action, actor) : 0;
    return toUserActionResponse(await this.reload(user.id), ended);
  }

  async resetPassword(
    guid: string,
    password: string,
    actor: AdminActor,
  ): Promise<UserActionResponse> {
    const user = await this.require(guid);
    await this.privileges.assertMayActOn(actor, user.id, 'user.password_reset');
    await this.accounts.resetPassword(user.id, password);
    await this.record('user.password_reset', actor, user.id);
    const ended = await this.endSessions(user.id, 'user.password_reset', actor);
    return toUserActionResponse(await this.reload(user.id), ended);
  }

  private lastAdministrator(
    actor: AdminActor,
    subjectUserId: number,
    attempted: AuditAction,
  ): Promise<DomainError> {
    return this.privileges.refusal(actor, {
      attempted,
      reason: 'LastAdministrator',
      subjectUserId,
    });
  }

  private endSessions(
    userId: number,
    reason: 'user.blocked' | 'user.disabled' | 'user.password_reset',
    actor: AdminActor,
  ): Promise<number> {
    return this.sessions.endAllForUser(userId, { actorUserId: actor.userId, reason }, actor.ip);
  }

  private record(
    action: AuditAction,
    actor: AdminActor,
    subjectUserId: number,
    details = {},
  ): Promise<void> {
    return this.audit.record({
      action,
      actorUserId: actor.userId,
      subjectUserId,
      ip: actor.ip,
      details,
    });
  }

  private async assertKnownRoles(roles: string[]): Promise<void> {
    const unknown = await this.users.unknownRoles(roles);
    if (unknown.length > 0)
      throw new DomainError(
        'InvalidArgument',
        'UnknownRole',
        `unknown roles: ${unknown.join(', ')}`,
      );
  }

  private async require(guid: string): Promise<UserEntity> {
    const user = await this.users.findByGuid(guid);
    if (!user) throw notFound();
    return user;
  }

  private async reload(id: number): Promise<UserEntity> {
    const user = await this.users.findById(id);
    if (!user) throw notFound();
    return user;
  }
}

function sameRoles(user: UserEntity, roles: string[]): boolean {
  const current = new Set((user.roles ?? []).map((role) => role.name));
  return current.size === roles.length && roles.every((role) => current.has(role));
}

function userExists(username: string): DomainError {
  return new DomainError('AlreadyExists', 'UserExists', `user "${username}" already exists`);
}
