import { Injectable } from '@nestjs/common';
import { AuditRepository } from '@/audit/audit.repository';
import { UserInfo, UserLogged } from '@/contracts/legacy';
import { DomainError } from '@/common/errors/domain-error';
import { SessionsService } from '@/sessions/sessions.service';
import { UserEntity } from '@/users/entities/user.entity';
import { UsersRepository } from '@/users/users.repository';
import { formatDate } from '@/wire';

/** `UserLogged.Role`: 1 for a person the trusted caller marks as admin, else 2. */
const ROLE_ADMIN = 1;
const ROLE_USER = 2;

/**
 * Seed 003: a trusted caller hands over a person it already authenticated.
 * The user is created or updated by its GUID and gets a session bound to the
 * given IP. Its `is_admin` flag is kept as profile data: it does not grant
 * admin rights in this service (only roles given here do).
 */
@Injectable()
export class ExternalLoginService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuditRepository,
  ) {}

  async handOver(info: UserInfo, ip: string, userAgent: string | null): Promise<UserLogged> {
    const user = await this.users.upsertExternal({
      guid: info.Id.toLowerCase(),
      preferredUsername: info.Email?.trim() || null,
      email: info.Email,
      firstName: info.FirstName,
      lastName: info.LastName,
      deleted: info.Deleted,
      profile: profileOf(info),
    });
    if (info.Deleted || user.blockedAt || user.disabledAt) {
      await this.audit.record({
        action: 'login.failed',
        subjectUserId: user.id,
        ip,
        details: { reason: info.Deleted ? 'deleted' : 'blocked', channel: 'api' },
      });
      throw new DomainError(
        'Unauthenticated',
        'UserNotActive',
        'Authorization has been denied for this request.',
      );
    }
    const issued = await this.sessions.open(user, {
      channel: 'api',
      ip,
      userAgent,
      isSingleSignOn: true,
    });
    await this.audit.record({
      action: 'login.succeeded',
      actorUserId: user.id,
      subjectUserId: user.id,
      sessionId: issued.session.id,
      ip,
      details: { channel: 'api' },
    });
    return toUserLogged(user, info, issued.access.token, ip, issued.session.createdAt);
  }
}

function profileOf(info: UserInfo): Record<string, unknown> {
  return {
    isDelegated: info.IsDelegated,
    agreement: info.Agreement,
    viewInfo: info.ViewInfo
      ? { id: info.ViewInfo.Id, showDateOfInRequest: info.ViewInfo.ShowDateOfInRequest }
      : null,
    idRole: info.IdRole,
    isEditor: info.IsEditor,
    isManager: info.IsManager,
    isHr: info.IsHr,
    isAdmin: info.IsAdmin,
    imageId: info.ImageId,
    phone: info.Phone,
    webPopupIds: info.WebPopupIds,
    // all seven fraction digits a client sent (toISOString would cut them to three)
    birthdate: info.Birthdate ? formatDate(info.Birthdate, 'utc', 'UTC') : null,
    stateId: info.StateId,
  };
}

function toUserLogged(
  user: UserEntity,
  info: UserInfo,
  token: string,
  ip: string,
  at: Date,
): UserLogged {
  return Object.assign(new UserLogged(), {
    Id: user.guid,
    IdImage: info.ImageId,
    IdUserWorkPosition: null,
    IdShift: null,
    Code: null,
    Code2: null,
    PeopleSoftId: null,
    FunctionalUnit: null,
    Title: null,
    Introduction: null,
    FirstName: user.firstName,
    LastName: user.lastName,
    Role: info.IsAdmin ? ROLE_ADMIN : ROLE_USER,
    IsSuperAdmin: false,
    Token: token,
    DateOfLastActivity: at,
    IP: ip,
    GroupId: null,
    GroupRole: null,
    Lock: null,
  });
}
