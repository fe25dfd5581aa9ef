import { Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Client } from '@/auth/client-ip/client-meta';
import { CurrentPrincipal } from '@/auth/guards/auth.decorators';
import { Public } from '@/platform/http/public.decorator';
import { PasswordThrottleGuard } from '@/auth/guards/login-throttle.guard';
import { Principal } from '@/auth/principal';
import { ClientMeta } from '@/sessions/sessions.service';
import { ErrorFormat, WireBody } from '@/wire';
import { NoStore } from '@/platform/http/no-store';
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
} from './contracts';
import { ApiV2Body, ApiV2Errors, ApiV2Response } from './v2-api.decorators';
import { V2SessionsService } from './v2-sessions.service';

const ID_PARAM = {
  name: 'id',
  description: 'The session id (decimal string, `sessionId`)',
} as const;

/**
 * The v2 session API, shaped like ZITADEL's `session.v2` (seed 004): lowerCamel
 * members, `details.sequence` as a string, UTC millisecond dates, errors as
 * `{code, message, details[{"@type", id, message}]}` with gRPC codes.
 */
@ApiTags('v2: sessions')
@Controller('v2/sessions')
@ErrorFormat('v2')
export class V2SessionsController {
  constructor(private readonly service: V2SessionsService) {}

  @Post()
  @NoStore()
  @Public()
  @UseGuards(PasswordThrottleGuard)
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create a session (modern login)',
    description:
      'Checks `checks.user` (loginName, or userId = factors.user.id) and `checks.password` like every login ' +
      '(lockout, same answer for unknown user / wrong password / locked account) and opens a session. ' +
      "Answers ZITADEL's `{details, sessionId, sessionToken}` plus two gateway extensions: `accessToken`, a " +
      'short-lived JWT for `Authorization: Bearer`, and `accessTokenExpirationDate`. `details.resourceOwner` is ' +
      'always "1": the gateway serves one organisation. `lifetime` ("3600s") caps the session; a malformed one is 400. ' +
      'Rate limited per client IP, one budget shared with every route that checks a password (429, gRPC 8). ' +
      'With `LEGACY_AUTH_URL` set, a login name unknown here or a user without a password is checked by the legacy ' +
      "service's `Auth/Login` and, when accepted, created or given the password (just-in-time migration; any " +
      'failure of the legacy service answers as a wrong password).',
  })
  @ApiV2Body(CreateSessionRequest)
  @ApiV2Response(CreateSessionResponse, 'The session, its sessionToken and an access token', 201)
  @ApiV2Errors({
    400: 'FieldRequired, SessionLifetimeInvalid, InvalidRequest (unreadable body)',
    401: 'InvalidCredentials',
    429: 'TooManyRequests',
  })
  create(
    @WireBody(CreateSessionRequest, { parameterName: 'request' }) body: CreateSessionRequest,
    @Client() client: ClientMeta,
  ): Promise<CreateSessionResponse> {
    return this.service.create(body, client);
  }

  @Post('search')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Search active sessions',
    description:
      'Active sessions only, newest first unless `query.asc`; `query.limit` defaults to 100 (at most 1000). ' +
      'All `queries` must match (AND): idsQuery, userIdQuery (GUID or integer user id), creationDateQuery, ' +
      'expirationDateQuery (TIMESTAMP_QUERY_METHOD_*; compared at millisecond precision). Without `session.read` ' +
      'the caller sees only their own sessions. `details.totalResult` is a string counting every match.',
  })
  @ApiV2Body(ListSessionsRequest, false)
  @ApiV2Response(ListSessionsResponse, 'One page of sessions')
  @ApiV2Errors({
    400: 'ListQueryInvalid, TimestampMethodInvalid, FieldRequired',
    401: 'Unauthenticated',
  })
  search(
    @WireBody(ListSessionsRequest, { parameterName: 'request', optional: true })
    body: ListSessionsRequest | null,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ListSessionsResponse> {
    return this.service.search(body, principal);
  }

  @Get(':id')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Read a session',
    description:
      "A session of the caller's own user, or any with `session.read`. Ended and expired sessions are 404, " +
      "and so is another user's session to a caller without `session.read`: the answer never tells whether it exists.",
  })
  @ApiParam(ID_PARAM)
  @ApiV2Response(GetSessionResponse, 'The session')
  @ApiV2Errors({
    401: 'Unauthenticated',
    404: "SessionNotFound (unknown, ended, or another user's without session.read)",
  })
  get(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<GetSessionResponse> {
    return this.service.get(id, principal);
  }

  @Patch(':id')
  @NoStore()
  @Public()
  @UseGuards(PasswordThrottleGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Re-check and extend a session',
    description:
      'The `sessionToken` is the credential (no bearer needed, so a client whose access token expired can renew; ' +
      'rate limited like a login, in the same per-IP budget). It is rotated: the answer carries the new one and a fresh access token, and ' +
      'the old one is refused from then on. Optional `checks.password` is verified like a login (401 on failure, ' +
      'the token stays valid); `lifetime` sets the session end to now + lifetime (capped). Errors: missing token 400; ' +
      "unknown or ended session 404; a token that is not this session's 403 (gRPC 7, SessionTokenInvalid); " +
      'an already rotated token is reuse: the session is ended and the answer is 401 (gRPC 16, InvalidToken).',
  })
  @ApiParam(ID_PARAM)
  @ApiV2Body(SetSessionRequest)
  @ApiV2Response(SetSessionResponse, 'New details, sessionToken and access token')
  @ApiV2Errors({
    400: 'FieldRequired, SessionLifetimeInvalid, SessionUserMismatch',
    401: 'InvalidToken (reused token; session ended), InvalidCredentials (password check)',
    403: 'SessionTokenInvalid',
    404: 'SessionNotFound',
    429: 'TooManyRequests',
  })
  set(
    @Param('id') id: string,
    @WireBody(SetSessionRequest, { parameterName: 'request' }) body: SetSessionRequest,
    @Client() client: ClientMeta,
  ): Promise<SetSessionResponse> {
    return this.service.set(id, body, client);
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Terminate a session',
    description:
      'Bearer required. The body `{sessionToken}` is optional: without it the caller must own the session (same ' +
      "user) or hold `session.delete`; when sent, it must be the session's current token, whoever calls. " +
      "The session's access tokens stop working at once. `details.changeDate` is the termination time. " +
      'A refusal is 403 only to a caller who may see the session (its owner, or `session.read`); anyone else ' +
      'gets the 404 of an unknown id.',
  })
  @ApiParam(ID_PARAM)
  @ApiV2Body(DeleteSessionRequest, false)
  @ApiV2Response(DeleteSessionResponse, 'Terminated')
  @ApiV2Errors({
    401: 'Unauthenticated',
    403: 'SessionPermissionDenied (no token, not yours, no session.delete), SessionTokenInvalid; only to the owner or session.read',
    404: "SessionNotFound (unknown, already ended, or another user's to a caller without session.read)",
  })
  delete(
    @Param('id') id: string,
    @WireBody(DeleteSessionRequest, { parameterName: 'request', optional: true })
    body: DeleteSessionRequest | null,
    @CurrentPrincipal() principal: Principal,
    @Client() client: ClientMeta,
  ): Promise<DeleteSessionResponse> {
    return this.service.delete(id, body, principal, client);
  }
}
