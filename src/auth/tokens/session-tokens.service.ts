import { Injectable } from '@nestjs/common';
import { SessionTokenKind } from '@/sessions/entities/session-token.entity';
import { TokenOwner } from '@/sessions/sessions.repository';
import {
  ClientMeta,
  OpenedSession,
  OpenSessionOptions,
  SessionsService,
} from '@/sessions/sessions.service';
import { UserEntity } from '@/users/entities/user.entity';
import { AccessTokenService, IssuedAccessToken } from './access-token.service';
import { hashOpaqueToken, newOpaqueToken } from './opaque-token';

/** A session as just issued: the only moment its opaque token exists in clear. */
export interface IssuedSession extends OpenedSession {
  access: IssuedAccessToken;
  /** The refresh token (legacy channels) or v2 sessionToken. */
  opaqueToken: string;
}

/**
 * The token side of sessions: makes the opaque and access tokens, hands the
 * sessions domain only their hashes, and hashes what callers present.
 */
@Injectable()
export class SessionTokens {
  constructor(
    private readonly sessions: SessionsService,
    private readonly accessTokens: AccessTokenService,
  ) {}

  async open(user: UserEntity, options: OpenSessionOptions): Promise<IssuedSession> {
    const opaqueToken = newOpaqueToken();
    const opened = await this.sessions.open(user, options, hashOpaqueToken(opaqueToken));
    return this.issued(opened, opaqueToken);
  }

  /** Rotates a presented refresh token (or v2 sessionToken); see SessionsService.rotate. */
  async rotate(
    presented: string,
    kind: SessionTokenKind,
    meta: ClientMeta,
  ): Promise<IssuedSession> {
    const opaqueToken = newOpaqueToken();
    const rotated = await this.sessions.rotate(
      hashOpaqueToken(presented),
      kind,
      hashOpaqueToken(opaqueToken),
      meta,
    );
    return this.issued(rotated, opaqueToken);
  }

  /** The session a presented token belongs to (and whether it was rotated), without consuming it. */
  tokenOwner(presented: string, kind: SessionTokenKind): Promise<TokenOwner | null> {
    return this.sessions.tokenOwner(hashOpaqueToken(presented), kind);
  }

  private async issued(opened: OpenedSession, opaqueToken: string): Promise<IssuedSession> {
    return {
      ...opened,
      access: await this.accessTokens.issue(opened.user.guid, opened.session.id),
      opaqueToken,
    };
  }
}
