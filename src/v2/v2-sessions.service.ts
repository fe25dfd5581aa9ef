import { Injectable } from '@nestjs/common';
import { LoginService } from '@/auth/login.service';
import { hasPermission, Principal } from '@/auth/principal';
import { DomainError } from '@/platform/errors/domain-error';
import { ClientMeta, SessionsService } from '@/sessions/sessions.service';
import { SessionTokens } from '@/auth/tokens/session-tokens.service';
import { SessionsRepository } from '@/sessions/sessions.repository';
import { UsersRepository } from '@/users/users.repository';
import { usernameKey } from '@/users/username-key';
import {
  CreateSessionRequest,
  CreateSessionResponse,
  DeleteSessionRequest,
  DeleteSessionResponse,
  GetSessionResponse,
  ListSessionsRequest,
  ListSessionsResponse,
  SetSessionRequest,
  SetSessionResponse,
  V2ListDetails,
} from './contracts';
import { parseLifetime, present } from './duration';
import { toSearchFilter } from './search-request';
import { parseSessionId } from '@/sessions/session-search';
import { V2Errors } from './v2-errors';
import { detailsOf, toV2Session } from './v2-session.mapper';

/** The ZITADEL-shaped v2 session API on top of the shared sessions service. */
@Injectable()
export class V2SessionsService {
  constructor(
    private readonly logins: LoginService,
    private readonly sessions: SessionsService,
    private readonly tokens: SessionTokens,
    private readonly repository: SessionsRepository,
    private readonly users: UsersRepository,
  ) {}

  async create(body: CreateSessionRequest, client: ClientMeta): Promise<CreateSessionResponse> {
    const lifetimeSeconds = parseLifetime(body.lifetime);
    const password = body.checks?.password?.password;
    const userCheck = body.checks?.user;
    if (!present(userCheck?.loginName) && !present(userCheck?.userId)) {
      throw V2Errors.missing('checks.user.loginName');
    }
    if (!present(password)) throw V2Errors.missing('checks.password.password');
    const username = present(userCheck?.loginName)
      ? userCheck.loginName
      : await this.usernameOf(userCheck?.userId);
    const issued = await this.logins.login({
      username,
      password,
      channel: 'v2',
      lifetimeSeconds,
      ...client,
    });
    return Object.assign(new CreateSessionResponse(), {
      details: detailsOf(issued.session, issued.session.createdAt),
      sessionId: String(issued.session.id),
      sessionToken: issued.opaqueToken,
      accessToken: issued.access.token,
      accessTokenExpirationDate: issued.access.expiresAt,
    });
  }

  /** Another user's session, to a caller without `session.read`, is "not found" (no existence oracle). */
  async get(id: string, principal: Principal): Promise<GetSessionResponse> {
    const row = await this.findRow(id);
    if (!maySee(principal, row.userId)) throw V2Errors.notFound();
    return Object.assign(new GetSessionResponse(), { session: toV2Session(row) });
  }

  async search(
    body: ListSessionsRequest | null,
    principal: Principal,
  ): Promise<ListSessionsResponse> {
    const filter = toSearchFilter(body);
    const visibleToUserId = hasPermission(principal, 'session.read') ? undefined : principal.userId;
    const result = await this.repository.searchSessions({ ...filter, visibleToUserId });
    return Object.assign(new ListSessionsResponse(), {
      details: V2ListDetails.of(result.totalCount, new Date()),
      sessions: result.rows.map(toV2Session),
    });
  }

  /**
   * Re-check and extend. The token must belong to this session (403 otherwise);
   * a token that was already rotated is reuse: the session ends and the answer is 401.
   * A failed password check leaves the token valid (401).
   */
  async set(id: string, body: SetSessionRequest, client: ClientMeta): Promise<SetSessionResponse> {
    if (!present(body.sessionToken)) throw V2Errors.missing('sessionToken');
    const lifetimeSeconds = parseLifetime(body.lifetime);
    const sessionId = parseSessionId(id);
    const active = sessionId === null ? null : await this.sessions.findActive(sessionId, client.ip);
    if (!active) throw V2Errors.notFound();
    const owner = await this.tokens.tokenOwner(body.sessionToken, 'session');
    if (!owner || owner.sessionId !== active.session.id) throw V2Errors.tokenInvalid();
    if (!owner.rotated) {
      const userCheck = body.checks?.user;
      if (
        present(userCheck?.loginName) &&
        usernameKey(userCheck.loginName) !== usernameKey(active.user.username)
      ) {
        throw V2Errors.userMismatch();
      }
      if (present(userCheck?.userId) && userCheck.userId.toLowerCase() !== active.user.guid) {
        throw V2Errors.userMismatch();
      }
      const password = body.checks?.password?.password;
      if (typeof password === 'string') {
        await this.logins.recheck({
          username: active.user.username,
          password,
          channel: 'v2',
          check: 'session.password',
          sessionId: active.session.id,
          ...client,
        });
      }
    }
    const rotated = await this.tokens.rotate(body.sessionToken, 'session', client);
    let session = rotated.session;
    if (lifetimeSeconds !== undefined) {
      session = (await this.sessions.setLifetime(session.id, lifetimeSeconds)) ?? session;
    }
    return Object.assign(new SetSessionResponse(), {
      details: detailsOf(session, session.lastUpdatedAt),
      sessionToken: rotated.opaqueToken,
      accessToken: rotated.access.token,
      accessTokenExpirationDate: rotated.access.expiresAt,
    });
  }

  /**
   * Terminate. Unknown or ended → 404. A sessionToken, when sent, must be this
   * session's current one; without one the caller must own the session or hold
   * `session.delete`. A refusal is 403 only to a caller who may see the session
   * (its owner, `session.read`); anyone else gets the 404 of an unknown id, so
   * the answer never tells whether another user's session exists.
   */
  async delete(
    id: string,
    body: DeleteSessionRequest | null,
    principal: Principal,
    client: ClientMeta,
  ): Promise<DeleteSessionResponse> {
    const sessionId = parseSessionId(id);
    const active = sessionId === null ? null : await this.sessions.findActive(sessionId, client.ip);
    if (!active) throw V2Errors.notFound();
    const refuse = (visibleRefusal: DomainError) =>
      maySee(principal, active.session.userId) ? visibleRefusal : V2Errors.notFound();
    if (present(body?.sessionToken)) {
      const owner = await this.tokens.tokenOwner(body.sessionToken, 'session');
      if (!owner || owner.rotated || owner.sessionId !== active.session.id)
        throw refuse(V2Errors.tokenInvalid());
    } else if (
      active.session.userId !== principal.userId &&
      !hasPermission(principal, 'session.delete')
    ) {
      throw refuse(V2Errors.forbidden());
    }
    const ended = await this.sessions.end(
      active.session.id,
      { actorUserId: principal.userId, reason: 'v2_delete' },
      client.ip,
    );
    if (!ended) throw V2Errors.notFound();
    return Object.assign(new DeleteSessionResponse(), {
      details: detailsOf(ended, ended.revokedAt ?? new Date()),
    });
  }

  private async findRow(id: string) {
    const sessionId = parseSessionId(id);
    const result =
      sessionId === null ? null : await this.repository.searchSessions(byId(sessionId));
    const row = result?.rows[0];
    if (!row) throw V2Errors.notFound();
    return row;
  }

  /**
   * `checks.user.userId`: the GUID from `factors.user.id`. An unknown id becomes
   * the empty login name, which no user has, so it fails exactly like an unknown user.
   */
  private async usernameOf(userId: string | null | undefined): Promise<string> {
    const guid = (userId ?? '').toLowerCase();
    const user = /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/.test(guid)
      ? await this.users.findByGuid(guid)
      : null;
    return user?.username ?? '';
  }
}

/** Whether the caller may know the session exists: its own user's, or any with `session.read`. */
function maySee(principal: Principal, sessionUserId: number): boolean {
  return sessionUserId === principal.userId || hasPermission(principal, 'session.read');
}

const byId = (id: number) => ({ offset: 0, limit: 1, asc: false, idLists: [[String(id)]] });
