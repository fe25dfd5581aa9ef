import { Inject, Injectable } from '@nestjs/common';
import { AuditRepository } from '@/audit/audit.repository';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { UserEntity } from '@/users/entities/user.entity';
import { UsersRepository } from '@/users/users.repository';
import { ADMIN_PERMISSION, holdsPermission, PrivilegedActor } from '@/users/privileges';
import { describeUserAgent } from './device/user-agent';
import { SessionChannel, SessionEntity } from './entities/session.entity';
import { SessionTokenKind } from './entities/session-token.entity';
import { SessionStateCache } from './session-state.cache';
import {
  BulkRevokeOutcome,
  EndedBy,
  OWNER_INACTIVE_REASON,
  SESSION_LIMIT_REASON,
  SessionCriteria,
  SessionsRepository,
  TokenOwner,
} from './sessions.repository';
import { SessionErrors, SessionLimitReached } from './session-errors';

export interface ClientMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface OpenSessionOptions extends ClientMeta {
  channel: SessionChannel;
  /** Shorter than the configured absolute lifetime, e.g. v2 `lifetime`. */
  lifetimeSeconds?: number;
  isSingleSignOn?: boolean;
}

/**
 * A session as just opened or rotated. The domain never sees a token in
 * clear: authentication makes the tokens and hands over only their hashes.
 */
export interface OpenedSession {
  session: SessionEntity;
  user: UserEntity;
  permissions: string[];
}

const TOKEN_KIND: Record<SessionChannel, SessionTokenKind> = {
  legacy: 'refresh',
  api: 'refresh',
  v2: 'session',
};

/** How a session whose owner was blocked or disabled ends when it is next seen. */
export const OWNER_INACTIVE: EndedBy = { actorUserId: null, reason: OWNER_INACTIVE_REASON };

/** How a session ends that made room for a newer one (`evict-oldest`). */
const SESSION_LIMIT_ENDED: EndedBy = { actorUserId: null, reason: SESSION_LIMIT_REASON };

const isActiveUser = (user: UserEntity) => !user.blockedAt && !user.disabledAt;

@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditRepository,
    private readonly cache: SessionStateCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Opens a session whose refresh/session token is stored as `tokenHash`. */
  async open(
    user: UserEntity,
    options: OpenSessionOptions,
    tokenHash: string,
  ): Promise<OpenedSession> {
    const now = Date.now();
    const { idleTimeoutSeconds, absoluteLifetimeSeconds } = this.config.session;
    const lifetime = Math.min(
      options.lifetimeSeconds ?? absoluteLifetimeSeconds,
      absoluteLifetimeSeconds,
    );
    const absoluteExpiresAt = new Date(now + lifetime * 1000);
    const expiresAt = new Date(
      Math.min(now + idleTimeoutSeconds * 1000, absoluteExpiresAt.getTime()),
    );
    const device = describeUserAgent(options.userAgent);
    const permissions = await this.users.permissionsOf(user.id);
    const userName = [{ name: 'UserName', value: user.username }];
    const { session, evicted } = await this.createWithinLimit(
      user,
      options,
      {
        userId: user.id,
        channel: options.channel,
        expiresAt,
        absoluteExpiresAt,
        ip: options.ip,
        userAgent: options.userAgent?.slice(0, 512) ?? null,
        smartphone: device.smartphone,
        operatingSystem: device.operatingSystem,
        application: device.application,
        isSingleSignOn: options.isSingleSignOn ?? false,
        props: userName,
        appData: userName,
        features: permissions,
      },
      [{ hash: tokenHash, kind: TOKEN_KIND[options.channel] }],
    );
    if (evicted.length > 0) {
      for (const id of evicted) this.cache.invalidate(id);
      await this.recordEnded(user.id, evicted, SESSION_LIMIT_ENDED, options.ip);
    }
    await this.audit.record({
      action: 'session.created',
      actorUserId: user.id,
      subjectUserId: user.id,
      sessionId: session.id,
      ip: options.ip,
      details: { channel: options.channel },
    });
    return { session, user, permissions };
  }

  /** The insert under the owner's session limit; a refused login is audited. */
  private async createWithinLimit(
    user: UserEntity,
    options: OpenSessionOptions,
    ...[input, tokens]: Parameters<SessionsRepository['create']>
  ): ReturnType<SessionsRepository['createWithinLimit']> {
    const { limitPerUser, limitPolicy } = this.config.session;
    try {
      return await this.sessions.createWithinLimit(input, tokens, {
        perUser: limitPerUser,
        policy: limitPolicy,
      });
    } catch (error) {
      if (error instanceof SessionLimitReached) {
        await this.audit.record({
          action: 'session.limit_reached',
          actorUserId: user.id,
          subjectUserId: user.id,
          sessionId: null,
          ip: options.ip,
          details: { channel: options.channel, limit: error.limit },
        });
      }
      throw error;
    }
  }

  /**
   * Rotates a refresh token (or v2 sessionToken). Exactly one of many parallel
   * uses wins; presenting a rotated token again ends the session (theft).
   * Tokens arrive hashed: `presentedHash` is replaced by `replacementHash`.
   */
  async rotate(
    presentedHash: string,
    kind: SessionTokenKind,
    replacementHash: string,
    meta: ClientMeta,
  ): Promise<OpenedSession> {
    const result = await this.sessions.rotateToken(
      presentedHash,
      kind,
      { hash: replacementHash, kind },
      this.config.session.idleTimeoutSeconds,
    );
    if (result.outcome === 'reused') {
      this.cache.invalidate(result.sessionId);
      const session = await this.sessions.findById(result.sessionId);
      await this.audit.record({
        action: 'session.token_reused',
        subjectUserId: session?.userId,
        sessionId: result.sessionId,
        ip: meta.ip,
      });
    }
    if (result.outcome === 'ownerInactive') {
      this.cache.invalidate(result.session.id);
      await this.recordEnded(result.session.userId, [result.session.id], OWNER_INACTIVE, meta.ip);
    }
    if (result.outcome !== 'rotated') throw SessionErrors.invalidToken();
    const { session } = result;
    this.cache.invalidate(session.id);
    const user = await this.users.findById(session.userId);
    if (!user) throw SessionErrors.invalidToken();
    await this.audit.record({
      action: 'session.refreshed',
      actorUserId: user.id,
      subjectUserId: user.id,
      sessionId: session.id,
      ip: meta.ip,
    });
    return { session, user, permissions: await this.users.permissionsOf(user.id) };
  }

  /** The session a token (by its hash) belongs to, and whether it was rotated, without consuming it. */
  tokenOwner(tokenHash: string, kind: SessionTokenKind): Promise<TokenOwner | null> {
    return this.sessions.findTokenOwner(tokenHash, kind);
  }

  /** v2 `lifetime`: the session now ends `lifetimeSeconds` from now (capped); null when not active. */
  async setLifetime(sessionId: number, lifetimeSeconds: number): Promise<SessionEntity | null> {
    const { idleTimeoutSeconds, absoluteLifetimeSeconds } = this.config.session;
    const updated = await this.sessions.setLifetime(
      sessionId,
      lifetimeSeconds,
      absoluteLifetimeSeconds,
      idleTimeoutSeconds,
    );
    this.cache.invalidate(sessionId);
    return updated ? this.sessions.findById(sessionId) : null;
  }

  /**
   * The active session with its owner, or null. A session whose owner is
   * blocked or disabled is not active: it is ended now, and null.
   */
  async findActive(
    sessionId: number,
    ip: string | null = null,
  ): Promise<{ session: SessionEntity; user: UserEntity } | null> {
    const session = await this.sessions.findActiveById(sessionId);
    const user = session && (await this.users.findById(session.userId));
    if (!session || !user) return null;
    if (isActiveUser(user)) return { session, user };
    await this.end(session.id, OWNER_INACTIVE, ip);
    return null;
  }

  /** Ends a session the token check found with an inactive owner. */
  async endForInactiveOwner(sessionId: number): Promise<void> {
    await this.end(sessionId, OWNER_INACTIVE);
  }

  /** After a role change: this instance's cached token checks re-read the user's permissions. */
  forgetPermissionsOf(userId: number): void {
    this.cache.invalidateUser(userId);
  }

  /** Ends one session; null when nothing active matched. */
  async end(
    sessionId: number,
    by: EndedBy,
    ip: string | null = null,
  ): Promise<SessionEntity | null> {
    const ended = await this.sessions.revoke(sessionId, by);
    this.cache.invalidate(sessionId);
    if (ended) await this.recordEnded(ended.userId, [sessionId], by, ip);
    return ended;
  }

  /** Ends every active session of a user; returns how many ended. */
  async endAllForUser(userId: number, by: EndedBy, ip: string | null = null): Promise<number> {
    const ended = await this.sessions.revokeAllForUser(userId, by);
    for (const id of ended) this.cache.invalidate(id);
    await this.recordEnded(userId, ended, by, ip);
    return ended.length;
  }

  /**
   * Ends every active session matching `criteria` whose owner the actor may
   * act on (privileges flow downward: an owner holding a permission the actor
   * lacks is skipped and counted, never ended), with one `session.bulk_revoked`
   * audit event and one `session.ended` outbox event per session, all in one
   * transaction. A dry run counts the same two numbers and changes nothing.
   */
  async endWhere(
    criteria: SessionCriteria,
    actor: PrivilegedActor,
    dryRun: boolean,
    auditedCriteria: Record<string, string>,
  ): Promise<BulkRevokeOutcome> {
    const scope = {
      actorUserId: actor.userId,
      permissions: holdsPermission(actor.permissions, ADMIN_PERMISSION) ? null : actor.permissions,
    };
    const outcome = await this.sessions.revokeWhere(criteria, scope, dryRun, (tx, result) =>
      this.audit.recordWithin(tx, {
        action: 'session.bulk_revoked',
        actorUserId: actor.userId,
        ip: actor.ip,
        details: { ...auditedCriteria, ended: result.ended, skipped: result.skipped },
      }),
    );
    for (const id of outcome.endedIds) this.cache.invalidate(id);
    return outcome;
  }

  private recordEnded(
    userId: number,
    sessionIds: number[],
    by: EndedBy,
    ip: string | null,
  ): Promise<void> {
    return this.audit.record(
      ...sessionIds.map((sessionId) => ({
        action: 'session.ended' as const,
        actorUserId: by.actorUserId,
        subjectUserId: userId,
        sessionId,
        ip,
        details: { reason: by.reason },
      })),
    );
  }
}
