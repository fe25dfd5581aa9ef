import { Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  AdminController,
  ApiAdminError,
  ApiPaging,
  ApiWireResponse,
} from '@/admin/common/admin-api.decorators';
import { actorOf } from '@/admin/common/admin-actor';
import { SuccessResponse } from '@/admin/common/admin.contract';
import { parseGuid, parsePaging, parseSearch, RawQuery } from '@/admin/common/admin-query';
import { PagedList } from '@/admin/common/page.contract';
import { Client } from '@/auth/client-ip/client-meta';
import { CurrentPrincipal, RequirePermissions } from '@/auth/guards/auth.decorators';
import { Principal } from '@/auth/principal';
import { ClientMeta } from '@/sessions/sessions.service';
import { WireBody } from '@/wire';
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
} from './session.contract';

/** Seed 002 "Core - Authenticated Sessions", plus `revoke-user`. */
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
  @ApiPaging()
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
  @ApiWireResponse(ActiveSessionUserPage, 'One page of users')
  @ApiAdminError(400, '`err_InvalidPaging`, `err_InvalidSort`, `err_InvalidSearch`')
  list(@Query() query: RawQuery): Promise<PagedList<ActiveSessionUser>> {
    return this.service.listUsers(
      parseSearch(query),
      parseActiveUsersSort(query),
      parsePaging(query),
    );
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
  @ApiPaging()
  @ApiWireResponse(AuthenticatedSessionPage, 'One page of sessions')
  @ApiAdminError(400, '`err_InvalidGuid`, `err_InvalidPaging`')
  userSessions(
    @Param('guid') guid: string,
    @Query() query: RawQuery,
  ): Promise<PagedList<AuthenticatedSession>> {
    return this.service.userSessions(parseGuid(guid), parsePaging(query));
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
}
