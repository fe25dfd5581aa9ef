import { Injectable } from '@nestjs/common';
import { AdminActor } from '@/admin/common/admin-actor';
import { emptyPagedList, KeysetPage, toPagedList } from '@/admin/common/page.contract';
import { StoredEndReason } from '@/events/event-catalogue';
import { DomainError } from '@/platform/errors/domain-error';
import { PageRequest } from '@/platform/paging/page';
import { ActiveUsersSort, SessionsRepository } from '@/sessions/sessions.repository';
import { SessionsService } from '@/sessions/sessions.service';
import { Privileges } from '@/users/privileges';
import { UsersRepository } from '@/users/users.repository';
import {
  ActiveSessionUser,
  ActiveSessionUserPage,
  AuthenticatedSession,
  AuthenticatedSessionPage,
  RevokeWhereResponse,
  SessionActivity,
  SessionDetails,
  SessionDetailsPage,
} from './session.contract';
import {
  toActiveSessionUser,
  toAuthenticatedSession,
  toSessionActivity,
  toSessionDetails,
} from './session.mapper';
import { RevokeWhereInput } from './revoke-where-input';

/** The activity chart: the last hour, one point every five minutes (13 points, the last is now). */
const ACTIVITY_WINDOW_MINUTES = 60;
const ACTIVITY_POINTS = 13;

export const ADMIN_REVOKE_REASON = 'admin_revoke' satisfies StoredEndReason;

function noActiveSession(): DomainError {
  return new DomainError('NotFound', 'NoActiveSession', 'No active session was found');
}

/** Seed 002: the dashboard's view of active sessions, and ending them (always via SessionsService). */
@Injectable()
export class AdminSessionsService {
  constructor(
    private readonly sessionsRepository: SessionsRepository,
    private readonly sessions: SessionsService,
    private readonly users: UsersRepository,
    private readonly privileges: Privileges,
  ) {}

  async listUsers(
    search: string | undefined,
    sort: ActiveUsersSort,
    page: PageRequest,
  ): Promise<KeysetPage<ActiveSessionUser>> {
    const result = await this.sessionsRepository.listUsersWithActiveSessions(search, sort, page);
    return {
      list: toPagedList(ActiveSessionUserPage, result, toActiveSessionUser),
      nextKey: result.nextKey,
    };
  }

  /** An unknown user has no sessions: an empty page, not a 404. */
  async userSessions(
    userGuid: string,
    page: PageRequest,
  ): Promise<KeysetPage<AuthenticatedSession>> {
    const owner = await this.users.findByGuid(userGuid);
    if (!owner) return { list: emptyPagedList(AuthenticatedSessionPage, page) };
    const result = await this.sessionsRepository.findActiveByUser(owner.id, page);
    return {
      list: toPagedList(AuthenticatedSessionPage, result, (session) =>
        toAuthenticatedSession(session, owner),
      ),
      nextKey: result.nextKey,
    };
  }

  /** As `userSessions`, with IP, channel and start time (the console's view). */
  async userSessionDetails(
    userGuid: string,
    page: PageRequest,
  ): Promise<KeysetPage<SessionDetails>> {
    const owner = await this.users.findByGuid(userGuid);
    if (!owner) return { list: emptyPagedList(SessionDetailsPage, page) };
    const result = await this.sessionsRepository.findActiveByUser(owner.id, page);
    return {
      list: toPagedList(SessionDetailsPage, result, toSessionDetails),
      nextKey: result.nextKey,
    };
  }

  async activity(): Promise<SessionActivity> {
    return toSessionActivity(
      await this.sessionsRepository.activeSessionCounts(ACTIVITY_WINDOW_MINUTES, ACTIVITY_POINTS),
    );
  }

  /** Only a session whose owner's permissions are a subset of the caller's. */
  async revoke(sessionId: number, actor: AdminActor): Promise<void> {
    if (!Number.isInteger(sessionId) || sessionId <= 0) throw noActiveSession();
    const session = await this.sessionsRepository.findActiveById(sessionId);
    if (!session) throw noActiveSession();
    await this.privileges.assertMayActOn(actor, session.userId, 'session.ended');
    const ended = await this.sessions.end(
      sessionId,
      { actorUserId: actor.userId, reason: ADMIN_REVOKE_REASON },
      actor.ip,
    );
    if (!ended) throw noActiveSession();
  }

  /**
   * Ends all of a user's sessions, when their permissions are a subset of the
   * caller's; an unknown user or one with none active is `NoActiveSession`.
   */
  async revokeUser(userGuid: string, actor: AdminActor): Promise<number> {
    const owner = await this.users.findByGuid(userGuid);
    if (!owner) throw noActiveSession();
    await this.privileges.assertMayActOn(actor, owner.id, 'session.ended');
    const ended = await this.sessions.endAllForUser(
      owner.id,
      { actorUserId: actor.userId, reason: ADMIN_REVOKE_REASON },
      actor.ip,
    );
    if (ended === 0) throw noActiveSession();
    return ended;
  }

  /**
   * Ends (or, dry, counts) the active sessions matching the filters, except
   * those whose owners outrank the caller: skipped and counted, as single
   * revokes refuse them. One transaction, one audit event.
   */
  async revokeWhere(input: RevokeWhereInput, actor: AdminActor): Promise<RevokeWhereResponse> {
    const outcome = await this.sessions.endWhere(
      input.criteria,
      actor,
      input.dryRun,
      input.audited,
    );
    return Object.assign(new RevokeWhereResponse(), {
      Success: true,
      DryRun: input.dryRun,
      SessionsEnded: outcome.ended,
      SessionsSkipped: outcome.skipped,
    });
  }
}
