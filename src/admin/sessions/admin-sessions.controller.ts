import { Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  AdminController,
  ApiAdminError,
  KEYSET_LINK_HEADER,
  ApiKeysetPaging,
  ApiWireResponse,
} from '@/admin/common/admin-api.decorators';
import { actorOf } from '@/admin/common/admin-actor';
import { SuccessResponse } from '@/admin/common/admin.contract';
import { parseGuid, parseKeysetPaging, parseSearch, RawQuery } from '@/admin/common/admin-query';
import { keysetAnswer, PagedList } from '@/admin/common/page.contract';
import { KeyPart } from '@/platform/paging/keyset';
import { Client } from '@/auth/client-ip/client-meta';
import { CurrentPrincipal, RequirePermissions } from '@/auth/guards/auth.decorators';
import { Principal } from '@/auth/principal';
import { ActiveUsersSort } from '@/sessions/sessions.repository';
import { ClientMeta } from '@/sessions/sessions.service';
import { WireBody, WireResult } from '@/wire';
import { AdminSessionsService } from './admin-sessions.service';
import { parseActiveUsersSort } from './active-users-sort';
import {
  ActiveSessionUser,
  ActiveSessionUserPage,
  AuthenticatedSession,
  AuthenticatedSessionPage,
  RevokeSessionRequest,
  RevokeUserRequest,
  RevokeUserResponse,
  SessionActivity,
  SessionDetails,
  SessionDetailsPage,
  RevokeWhereRequest,
  RevokeWhereResponse,
} from './session.contract';
import { toRevokeWhereInput } from './revoke-where-input';

/** Seed 002 "Core - Authenticated Sessions", plus `revoke-user`. */
/** The sort key a `list` cursor carries, per order (see listUsersWithActiveSessions). */
const ACTIVE_USERS_KEY: Record<ActiveUsersSort, KeyPart[]> = {
  count: ['int', 'int'],
  name: ['text', 'int'],
};
const USER_SESSIONS_SCOPE = 'user-sessions';

@ApiTags('admin: authenticated sessions')
@AdminController('authenticated-sessions')
export class AdminSessionsController {
  constructor(private readonly service: AdminSessionsService) {}

  @Get('list')
  @RequirePermissions('session.read')
  @ApiOperation({
    summary: 'Users with active sessions and their counts',
    description:
      'Needs `session.read` (or `admin`). Counts come from a per-user counter kept by triggers, so ' +
      'a session past its idle expiry counts until the expiry sweep ends it.',
  })
  @ApiKeysetPaging()
  @ApiQuery({
    name: 'search',
    required: false,
    description: 'Case-insensitive substring of the username',
  })
  @ApiQuery({
    name: 'sort',
    required: false,
    enum: ['count', 'name'],
    description:
      '`count` (default: most sessions first) or `name`; anything else is 400 `err_InvalidSort`',
  })
  @ApiWireResponse(ActiveSessionUserPage, 'One page of users', 200, KEYSET_LINK_HEADER)
  @ApiAdminError(
    400,
    '`err_InvalidPaging`, `err_InvalidCursor`, `err_InvalidSort`, `err_InvalidSearch`',
  )
  async list(@Query() query: RawQuery): Promise<WireResult<PagedList<ActiveSessionUser>>> {
    const sort = parseActiveUsersSort(query);
    const scope = `list:${sort}`;
    const page = await this.service.listUsers(
      parseSearch(query),
      sort,
      parseKeysetPaging(query, scope, ACTIVE_USERS_KEY[sort]),
    );
    return keysetAnswer(ActiveSessionUserPage, query, scope, page);
  }

  @Get('user-sessions/:guid')
  @RequirePermissions('session.read')
  @ApiOperation({
    summary: "One user's active sessions, newest first",
    description: 'Needs `session.read`. An unknown user answers an empty page (not a 404).',
  })
  @ApiParam({
    name: 'guid',
    description: 'The user GUID',
    schema: { type: 'string', format: 'uuid' },
  })
  @ApiKeysetPaging()
  @ApiWireResponse(AuthenticatedSessionPage, 'One page of sessions', 200, KEYSET_LINK_HEADER)
  @ApiAdminError(400, '`err_InvalidGuid`, `err_InvalidPaging`, `err_InvalidCursor`')
  async userSessions(
    @Param('guid') guid: string,
    @Query() query: RawQuery,
  ): Promise<WireResult<PagedList<AuthenticatedSession>>> {
    const page = await this.service.userSessions(
      parseGuid(guid),
      parseKeysetPaging(query, USER_SESSIONS_SCOPE, ['int']),
    );
    return keysetAnswer(AuthenticatedSessionPage, query, USER_SESSIONS_SCOPE, page);
  }

  @Get('user-sessions/:guid/details')
  @RequirePermissions('session.read')
  @ApiOperation({
    summary: "One user's active sessions with IP, channel and start time, newest first",
    description:
      'Needs `session.read`. The rows of `user-sessions/{guid}` (same order and paging, cursors included) plus `Created`, ' +
      "`Ip` and `Channel`, for the admin console; a separate route so seed 002's contract stays as it " +
      'was. An unknown user answers an empty page.',
  })
  @ApiParam({
    name: 'guid',
    description: 'The user GUID',
    schema: { type: 'string', format: 'uuid' },
  })
  @ApiKeysetPaging()
  @ApiWireResponse(SessionDetailsPage, 'One page of sessions', 200, KEYSET_LINK_HEADER)
  @ApiAdminError(400, '`err_InvalidGuid`, `err_InvalidPaging`, `err_InvalidCursor`')
  async userSessionDetails(
    @Param('guid') guid: string,
    @Query() query: RawQuery,
  ): Promise<WireResult<PagedList<SessionDetails>>> {
    const page = await this.service.userSessionDetails(
      parseGuid(guid),
      parseKeysetPaging(query, USER_SESSIONS_SCOPE, ['int']),
    );
    return keysetAnswer(SessionDetailsPage, query, USER_SESSIONS_SCOPE, page);
  }

  @Get('activity')
  @RequirePermissions('session.read')
  @ApiOperation({
    summary: 'Active sessions now and over the last hour',
    description:
      'Needs `session.read`. 13 points, one every five minutes, oldest first; the last point is now and ' +
      'its count is `ActiveNow`. A session counts at an instant when it had started and had neither ' +
      'ended nor passed its idle expiry. Computed by one query over the sessions alive during the hour, ' +
      'so it is exact but costs a scan of the live sessions.',
  })
  @ApiWireResponse(SessionActivity, 'The counts')
  activity(): Promise<SessionActivity> {
    return this.service.activity();
  }

  @Post('revoke')
  @HttpCode(200)
  @RequirePermissions('session.delete')
  @ApiOperation({
    summary: 'Ends one session',
    description:
      "Needs `session.delete`. The session's access and refresh tokens are refused from the next request. " +
      "Only a session whose owner's permissions are a subset of the caller's (else 403 " +
      '`err_TargetOutranksCaller`, audited).',
  })
  @ApiWireResponse(SuccessResponse, '`{"Success":true}`')
  @ApiAdminError(400, '`err_InvalidRequest`: no or malformed body')
  @ApiAdminError(403, '`err_PermissionDenied`, `err_TargetOutranksCaller`')
  @ApiAdminError(404, '`err_NoActiveSession`: no active session has that ID')
  async revoke(
    @CurrentPrincipal() caller: Principal,
    @WireBody(RevokeSessionRequest, { parameterName: 'request' }) body: RevokeSessionRequest,
    @Client() client: ClientMeta,
  ): Promise<SuccessResponse> {
    await this.service.revoke(body.Session, actorOf(caller, client));
    return SuccessResponse.ok();
  }

  @Post('revoke-user')
  @HttpCode(200)
  @RequirePermissions('session.delete')
  @ApiOperation({
    summary: "Ends all of a user's active sessions",
    description:
      'Needs `session.delete`. An unknown user, or one without active sessions, is 404 ' +
      '`err_NoActiveSession` (nothing active matched), as for `revoke`. Only a user whose permissions ' +
      "are a subset of the caller's (else 403 `err_TargetOutranksCaller`, audited).",
  })
  @ApiWireResponse(RevokeUserResponse, '`{"Success":true,"SessionsEnded":n}`')
  @ApiAdminError(400, '`err_InvalidGuid`, `err_InvalidRequest`')
  @ApiAdminError(403, '`err_PermissionDenied`, `err_TargetOutranksCaller`')
  @ApiAdminError(404, '`err_NoActiveSession`')
  async revokeUser(
    @CurrentPrincipal() caller: Principal,
    @WireBody(RevokeUserRequest, { parameterName: 'request' }) body: RevokeUserRequest,
    @Client() client: ClientMeta,
  ): Promise<RevokeUserResponse> {
    const ended = await this.service.revokeUser(parseGuid(body.UserGuid), actorOf(caller, client));
    return Object.assign(new RevokeUserResponse(), { Success: true, SessionsEnded: ended });
  }

  @Post('revoke-where')
  @HttpCode(200)
  @RequirePermissions('session.delete')
  @ApiOperation({
    summary: 'Ends every active session matching filters (or counts them: DryRun)',
    description:
      'Needs `session.delete` (as `revoke-user`). Filters, all of which must match: `User` (GUID or ' +
      'numeric ID), `Ip` (address or CIDR, IPv4 or IPv6), `UserAgentContains` (case-insensitive), ' +
      '`CreatedBefore` / `CreatedAfter` (ISO 8601, strict), `Channel` (`legacy`, `api`, `v2`). At least ' +
      'one is required: an empty filter is 400 `err_NoFilter`, never "everything". Sessions whose owner ' +
      'holds a permission the caller lacks are not ended but counted in `SessionsSkipped` (the rule ' +
      '`revoke` enforces per session). `DryRun: true` answers the same counts and changes nothing. ' +
      'Otherwise one transaction ends the sessions, writes one `session.bulk_revoked` audit event ' +
      '(criteria and counts) and one `session.ended` webhook event (reason `bulk_revoke`) per session. ' +
      'Sessions opened while it runs are not matched.',
  })
  @ApiWireResponse(
    RevokeWhereResponse,
    '`{"Success":true,"DryRun":false,"SessionsEnded":n,"SessionsSkipped":m}`',
  )
  @ApiAdminError(
    400,
    '`err_InvalidRequest`, `err_NoFilter`, `err_InvalidUser`, `err_InvalidIp`, `err_InvalidUserAgent`, ' +
      '`err_InvalidDate`, `err_InvalidDateRange`, `err_InvalidChannel`',
  )
  @ApiAdminError(403, '`err_PermissionDenied`')
  revokeWhere(
    @CurrentPrincipal() caller: Principal,
    @WireBody(RevokeWhereRequest, { parameterName: 'request' }) body: RevokeWhereRequest,
    @Client() client: ClientMeta,
  ): Promise<RevokeWhereResponse> {
    return this.service.revokeWhere(toRevokeWhereInput(body), actorOf(caller, client));
  }
}
