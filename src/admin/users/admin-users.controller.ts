import { Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  AdminController,
  ApiAdminError,
  ApiPaging,
  ApiWireResponse,
} from '@/admin/common/admin-api.decorators';
import { actorOf } from '@/admin/common/admin-actor';
import { parseGuid, parsePaging, parseSearch, RawQuery } from '@/admin/common/admin-query';
import { PagedList } from '@/admin/common/page.contract';
import { Client } from '@/auth/client-ip/client-meta';
import { CurrentPrincipal, RequirePermissions } from '@/auth/guards/auth.decorators';
import { Principal } from '@/auth/principal';
import { DomainError } from '@/platform/errors/domain-error';
import { ClientMeta } from '@/sessions/sessions.service';
import { WireBody } from '@/wire';
import { AdminUsersService, UserTransition } from './admin-users.service';
import {
  AdminUser,
  AdminUserPage,
  CreateUserRequest,
  ResetPasswordRequest,
  UpdateUserRequest,
  UserActionResponse,
} from './user.contract';
import { toAccountPatch, toCreateAccountInput } from './user-input';

const GUID_PARAM = {
  name: 'guid',
  description: 'The user GUID',
  schema: { type: 'string', format: 'uuid' },
} as const;
const READ = ['session.read', 'user.write'] as const;
const SUBORDINATE =
  "Only on an account whose permissions are a subset of the caller's (else 403 `err_TargetOutranksCaller`, audited).";
const ACT_REFUSALS = '`err_PermissionDenied`, `err_TargetOutranksCaller`';
const DEACTIVATE_REFUSALS = `${ACT_REFUSALS}, \`err_LastAdministrator\``;

/**
 * User management. Reads need `session.read` or `user.write` (an auditor must
 * see whom sessions belong to); every write needs `user.write`. `admin` has all.
 */
@ApiTags('admin: users')
@AdminController('users')
export class AdminUsersController {
  constructor(private readonly service: AdminUsersService) {}

  @Get()
  @RequirePermissions(...READ)
  @ApiOperation({
    summary: 'Users, oldest first',
    description: 'Needs `session.read` or `user.write`.',
  })
  @ApiPaging()
  @ApiQuery({
    name: 'search',
    required: false,
    description: 'Case-insensitive substring of the username',
  })
  @ApiWireResponse(AdminUserPage, 'One page of users')
  @ApiAdminError(400, '`err_InvalidPaging`, `err_InvalidSearch`')
  list(@Query() query: RawQuery): Promise<PagedList<AdminUser>> {
    return this.service.list(parseSearch(query), parsePaging(query));
  }

  @Get(':guid')
  @RequirePermissions(...READ)
  @ApiOperation({ summary: 'One user', description: 'Needs `session.read` or `user.write`.' })
  @ApiParam(GUID_PARAM)
  @ApiWireResponse(AdminUser, 'The user (never a password or hash)')
  @ApiAdminError(400, '`err_InvalidGuid`')
  @ApiAdminError(404, '`err_UserNotFound`')
  get(@Param('guid') guid: string): Promise<AdminUser> {
    return this.service.get(parseGuid(guid));
  }

  @Post()
  @HttpCode(201)
  @RequirePermissions('user.write')
  @ApiOperation({
    summary: 'Creates a user',
    description:
      'Needs `user.write`. Password 8..1024 characters, hashed with argon2id. Answers 201 with the user. ' +
      'Roles only whose permissions the caller holds (else 403 `err_RoleNotHeld`, audited).',
  })
  @ApiWireResponse(AdminUser, 'The new user', 201)
  @ApiAdminError(403, '`err_PermissionDenied`, `err_RoleNotHeld`')
  @ApiAdminError(
    400,
    '`err_InvalidRequest`, `err_InvalidUsername`, `err_InvalidPassword`, `err_InvalidEmail`, `err_InvalidName`, `err_UnknownRole`',
  )
  @ApiAdminError(409, '`err_UserExists`')
  create(
    @CurrentPrincipal() caller: Principal,
    @WireBody(CreateUserRequest, { parameterName: 'request' }) body: CreateUserRequest,
    @Client() client: ClientMeta,
  ): Promise<AdminUser> {
    return this.service.create(toCreateAccountInput(body), actorOf(caller, client));
  }

  @Put(':guid')
  @RequirePermissions('user.write')
  @ApiOperation({
    summary: "Updates a user's names, e-mail, operator flag and roles",
    description:
      'Needs `user.write`. Members left out or null stay unchanged; an empty string clears Email, ' +
      'FirstName or LastName; Roles replaces the whole role set. Role changes reach live sessions ' +
      'on this instance at once, on others within the session-state cache lifetime. Only an account ' +
      "whose permissions are a subset of the caller's; only roles whose permissions the caller holds; " +
      'never the caller’s own roles (resending the same set is allowed); never the `admin` of the last ' +
      'active administrator. Every refusal is audited (`access.denied`).',
  })
  @ApiParam(GUID_PARAM)
  @ApiWireResponse(AdminUser, 'The updated user')
  @ApiAdminError(
    403,
    '`err_PermissionDenied`, `err_TargetOutranksCaller`, `err_RoleNotHeld`, `err_CannotChangeOwnRoles`, `err_LastAdministrator`',
  )
  @ApiAdminError(
    400,
    '`err_InvalidGuid`, `err_InvalidUsername`, `err_InvalidEmail`, `err_InvalidName`, `err_UnknownRole`',
  )
  @ApiAdminError(404, '`err_UserNotFound`')
  @ApiAdminError(409, '`err_UserExists`')
  update(
    @CurrentPrincipal() caller: Principal,
    @Param('guid') guid: string,
    @WireBody(UpdateUserRequest, { parameterName: 'request' }) body: UpdateUserRequest,
    @Client() client: ClientMeta,
  ): Promise<AdminUser> {
    return this.service.update(parseGuid(guid), toAccountPatch(body), actorOf(caller, client));
  }

  @Post(':guid/block')
  @HttpCode(200)
  @RequirePermissions('user.write')
  @ApiOperation({
    summary: 'Blocks a user and ends their sessions',
    description:
      'Needs `user.write`. Logins are refused until unblocked. Already blocked: 409 `err_AlreadyBlocked`. ' +
      SUBORDINATE +
      ' The last active administrator: 403 `err_LastAdministrator`.',
  })
  @ApiParam(GUID_PARAM)
  @ApiWireResponse(UserActionResponse, 'Done; SessionsEnded counts the sessions ended')
  @ApiAdminError(403, DEACTIVATE_REFUSALS)
  @ApiAdminError(404, '`err_UserNotFound`')
  @ApiAdminError(409, '`err_AlreadyBlocked`')
  block(
    @CurrentPrincipal() caller: Principal,
    @Param('guid') guid: string,
    @Client() client: ClientMeta,
  ) {
    return this.transition(caller, guid, 'block', client);
  }

  @Post(':guid/unblock')
  @HttpCode(200)
  @RequirePermissions('user.write')
  @ApiOperation({
    summary: 'Lifts a block (and any lockout)',
    description:
      'Needs `user.write`. Also resets FailedLoginAttempts and LockedUntil. Not blocked: 409 `err_NotBlocked`. ' +
      SUBORDINATE,
  })
  @ApiParam(GUID_PARAM)
  @ApiWireResponse(UserActionResponse, 'Done')
  @ApiAdminError(403, ACT_REFUSALS)
  @ApiAdminError(404, '`err_UserNotFound`')
  @ApiAdminError(409, '`err_NotBlocked`')
  unblock(
    @CurrentPrincipal() caller: Principal,
    @Param('guid') guid: string,
    @Client() client: ClientMeta,
  ) {
    return this.transition(caller, guid, 'unblock', client);
  }

  @Post(':guid/disable')
  @HttpCode(200)
  @RequirePermissions('user.write')
  @ApiOperation({
    summary: 'Disables a user and ends their sessions',
    description:
      'Needs `user.write`. Already disabled: 409 `err_AlreadyDisabled`. ' +
      SUBORDINATE +
      ' The last active administrator: 403 `err_LastAdministrator`.',
  })
  @ApiParam(GUID_PARAM)
  @ApiWireResponse(UserActionResponse, 'Done; SessionsEnded counts the sessions ended')
  @ApiAdminError(403, DEACTIVATE_REFUSALS)
  @ApiAdminError(404, '`err_UserNotFound`')
  @ApiAdminError(409, '`err_AlreadyDisabled`')
  disable(
    @CurrentPrincipal() caller: Principal,
    @Param('guid') guid: string,
    @Client() client: ClientMeta,
  ) {
    return this.transition(caller, guid, 'disable', client);
  }

  @Post(':guid/reset-password')
  @HttpCode(200)
  @RequirePermissions('user.write')
  @ApiOperation({
    summary: "Sets a new password and ends the user's sessions",
    description:
      'Needs `user.write`. Body `{"NewPassword":"..."}`, 8..1024 characters taken as sent. ' +
      SUBORDINATE,
  })
  @ApiParam(GUID_PARAM)
  @ApiWireResponse(UserActionResponse, 'Done; SessionsEnded counts the sessions ended')
  @ApiAdminError(403, ACT_REFUSALS)
  @ApiAdminError(400, '`err_InvalidGuid`, `err_InvalidRequest`, `err_InvalidPassword`')
  @ApiAdminError(404, '`err_UserNotFound`')
  resetPassword(
    @CurrentPrincipal() caller: Principal,
    @Param('guid') guid: string,
    @WireBody(ResetPasswordRequest, { parameterName: 'request' }) body: ResetPasswordRequest,
    @Client() client: ClientMeta,
  ): Promise<UserActionResponse> {
    if (typeof body.NewPassword !== 'string') {
      throw new DomainError('InvalidArgument', 'InvalidPassword', 'NewPassword is required');
    }
    return this.service.resetPassword(parseGuid(guid), body.NewPassword, actorOf(caller, client));
  }

  private transition(
    caller: Principal,
    guid: string,
    kind: UserTransition,
    client: ClientMeta,
  ): Promise<UserActionResponse> {
    return this.service.transition(parseGuid(guid), kind, actorOf(caller, client));
  }
}
