import { Injectable } from '@nestjs/common';
import { UserSessionDTO } from '@/legacy/contracts';
import { SessionStateCache } from '@/sessions/session-state.cache';
import { ClientMeta, SessionsService } from '@/sessions/sessions.service';
import { toUserSessionDto } from './user-session.mapper';
import { LoginService } from '@/auth/login.service';
import { Principal } from '@/auth/principal';
import { UserHasher } from '@/auth/user-hash';
import { IssuedSession, SessionTokens } from '@/auth/tokens/session-tokens.service';
import { LegacyErrors } from './legacy-errors';

/** The legacy `Auth/*` routes' work, answered as `UserSessionDTO`. */
@Injectable()
export class LegacySessionService {
  constructor(
    private readonly logins: LoginService,
    private readonly sessions: SessionsService,
    private readonly tokens: SessionTokens,
    private readonly userHasher: UserHasher,
    private readonly states: SessionStateCache,
  ) {}

  async login(username: string, password: string, client: ClientMeta): Promise<UserSessionDTO> {
    const issued = await this.logins.login({ username, password, channel: 'legacy', ...client });
    return this.present(issued);
  }

  async refresh(refreshToken: string, client: ClientMeta): Promise<UserSessionDTO> {
    return this.present(await this.tokens.rotate(refreshToken, 'refresh', client));
  }

  /**
   * Served from the session-state cache the token check has just filled (no
   * query per request): the same entry, invalidated on every end, so a revoked
   * session is refused here exactly when its token is.
   */
  async current(principal: Principal, accessToken: string): Promise<UserSessionDTO> {
    const state = await this.states.active(principal.sessionId);
    if (!state) throw LegacyErrors.sessionEnded();
    return toUserSessionDto({
      session: state,
      user: { id: state.userId, username: state.userName },
      userHash: this.userHasher.hashOf(state.userId),
      accessToken,
      permissions: [...principal.permissions],
    });
  }

  /** 1 when the caller's session ended now, 0 when it had already ended. */
  async logout(principal: Principal, client: ClientMeta): Promise<number> {
    const ended = await this.sessions.end(
      principal.sessionId,
      { actorUserId: principal.userId, reason: 'logout' },
      client.ip,
    );
    return ended ? 1 : 0;
  }

  private present(issued: IssuedSession): UserSessionDTO {
    return toUserSessionDto({
      session: issued.session,
      user: issued.user,
      userHash: this.userHasher.hashOf(issued.user.id),
      accessToken: issued.access.token,
      refreshToken: issued.opaqueToken,
      permissions: issued.permissions,
    });
  }
}
