import { Injectable } from '@nestjs/common';
import { UserSessionDTO } from '@/contracts/legacy';
import { DomainError } from '@/common/errors/domain-error';
import { ClientMeta, IssuedSession, SessionsService } from '@/sessions/sessions.service';
import { toUserSessionDto } from './dto/user-session.mapper';
import { LoginService } from './login.service';
import { Principal } from './principal';
import { UserHasher } from './user-hash';

/** The legacy `Auth/*` routes' work, answered as `UserSessionDTO`. */
@Injectable()
export class LegacySessionService {
  constructor(
    private readonly logins: LoginService,
    private readonly sessions: SessionsService,
    private readonly userHasher: UserHasher,
  ) {}

  async login(username: string, password: string, client: ClientMeta): Promise<UserSessionDTO> {
    const issued = await this.logins.login({ username, password, channel: 'legacy', ...client });
    return this.present(issued);
  }

  async refresh(refreshToken: string, client: ClientMeta): Promise<UserSessionDTO> {
    return this.present(await this.sessions.rotate(refreshToken, 'refresh', client));
  }

  async current(principal: Principal, accessToken: string): Promise<UserSessionDTO> {
    const found = await this.sessions.findActive(principal.sessionId);
    if (!found)
      throw new DomainError(
        'Unauthenticated',
        'SessionEnded',
        'Authorization has been denied for this request.',
      );
    return toUserSessionDto({
      ...found,
      userHash: this.userHasher.hashOf(found.user.id),
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
