import { Injectable } from '@nestjs/common';
import { AuditRepository } from '@/audit/audit.repository';
import { UserInfo, UserLogged } from '@/legacy/contracts';
import { SessionTokens } from '@/auth/tokens/session-tokens.service';
import { SessionsService } from '@/sessions/sessions.service';
import { UserEntity } from '@/users/entities/user.entity';
import { FederatedIdentitiesRepository } from '@/users/federated-identities.repository';
import { isValidUsername } from '@/users/users.service';
import { formatDate } from '@/wire';
import { LegacyErrors } from './legacy-errors';

/** `UserLogged.Role`: 1 for a person the trusted caller marks as admin, else 2. */
const ROLE_ADMIN = 1;
const ROLE_USER = 2;

/** Why a hand-over was refused (audit `login.failed` reason). */
type Refusal = 'deleted' | 'blocked' | 'disabled' | 'local_account';

/** What every audit event of a hand-over says: the channel, which client acted, and its id of the person. */
type HandOverFacts = { channel: 'api'; client: string; externalId: string };

/**
 * Seed 003: a trusted caller (an identity provider, named by its API key)
 * hands over a person it already authenticated. `UserInfo.id` is that
 * client's id of the person: the first hand-over creates a local user linked
 * to (client, id), later ones update only that user. A hand-over never
 * reaches a local password account or another client's user, whatever the
 * id or e-mail. `is_admin` is kept as profile data: it grants no right here.
 */
@Injectable()
export class ExternalLoginService {
  constructor(
    private readonly identities: FederatedIdentitiesRepository,
    private readonly sessions: SessionsService,
    private readonly tokens: SessionTokens,
    private readonly audit: AuditRepository,
  ) {}

  async handOver(
    client: string,
    info: UserInfo,
    ip: string,
    userAgent: string | null,
  ): Promise<UserLogged> {
    const externalId = info.Id.toLowerCase();
    const email = info.Email?.trim() ?? '';
    // The e-mail as username when it is one and free, else `client:externalId`,
    // which no e-mail (it has no "@") and no other client can produce.
    const emailAsUsername = email.includes('@') && isValidUsername(email) ? [email] : [];
    const result = await this.identities.handOver({
      client,
      externalId,
      usernames: [...emailAsUsername, `${client}:${externalId}`],
      email: info.Email,
      firstName: info.FirstName,
      lastName: info.LastName,
      profile: profileOf(info),
      deleted: info.Deleted,
    });
    const audited: HandOverFacts = { channel: 'api', client, externalId };
    if (result.outcome === 'unknown') return this.refuse('deleted', null, audited, ip);
    if (result.outcome === 'local-account') {
      return this.refuse('local_account', result.userId, audited, ip);
    }
    const { user } = result;
    if (result.outcome === 'created') {
      await this.audit.record({
        action: 'user.created',
        subjectUserId: user.id,
        ip,
        details: audited,
      });
    }
    if (result.outcome === 'updated' && info.Deleted) {
      if (result.disabledNow) {
        await this.audit.record({
          action: 'user.disabled',
          subjectUserId: user.id,
          ip,
          details: audited,
        });
      }
      await this.sessions.endAllForUser(
        user.id,
        { actorUserId: null, reason: 'user.disabled' },
        ip,
      );
      return this.refuse('deleted', user.id, audited, ip);
    }
    if (user.blockedAt) return this.refuse('blocked', user.id, audited, ip);
    if (user.disabledAt) return this.refuse('disabled', user.id, audited, ip);

    const issued = await this.tokens.open(user, {
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
      details: audited,
    });
    return toUserLogged(externalId, user, info, issued.access.token, ip, issued.session.createdAt);
  }

  /** Audits the refusal, naming the client, and answers the legacy 401. */
  private async refuse(
    reason: Refusal,
    subjectUserId: number | null,
    facts: HandOverFacts,
    ip: string,
  ): Promise<never> {
    await this.audit.record({
      action: 'login.failed',
      subjectUserId,
      ip,
      details: { ...facts, reason },
    });
    throw LegacyErrors.userNotActive();
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
  externalId: string,
  user: UserEntity,
  info: UserInfo,
  token: string,
  ip: string,
  at: Date,
): UserLogged {
  return Object.assign(new UserLogged(), {
    // The caller's own id of the person, as it sent it (the local GUID is ours).
    Id: externalId,
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
