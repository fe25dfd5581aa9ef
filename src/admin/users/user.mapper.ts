import { UserEntity } from '@/users/entities/user.entity';
import { AdminUser, UserActionResponse } from './user.contract';

/** Entity → contract. Password columns are never selected nor read here. */
export function toAdminUser(user: UserEntity): AdminUser {
  return Object.assign(new AdminUser(), {
    ID: user.id,
    UserGuid: user.guid,
    UserName: user.username,
    Email: user.email,
    FirstName: user.firstName,
    LastName: user.lastName,
    IsOperator: user.isOperator,
    Roles: (user.roles ?? []).map((role) => role.name).sort(),
    Blocked: user.blockedAt !== null,
    BlockedDate: user.blockedAt,
    Disabled: user.disabledAt !== null,
    DisabledDate: user.disabledAt,
    LockedUntil: user.lockedUntil,
    FailedLoginAttempts: user.failedLoginAttempts,
    LastSuccessLogin: user.lastSuccessLogin,
    PasswordChangedDate: user.passwordChangedAt,
    ActiveSessionCount: user.activeSessionCount,
    CreationDate: user.createdAt,
    LastUpdated: user.updatedAt,
  });
}

export function toUserActionResponse(user: UserEntity, sessionsEnded: number): UserActionResponse {
  return Object.assign(new UserActionResponse(), {
    Success: true,
    SessionsEnded: sessionsEnded,
    User: toAdminUser(user),
  });
}
