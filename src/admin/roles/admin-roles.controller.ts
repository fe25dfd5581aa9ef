import { Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  AdminController,
  ApiAdminError,
  ApiWireResponse,
} from '@/admin/common/admin-api.decorators';
import { actorOf } from '@/admin/common/admin-actor';
import { Client } from '@/auth/client-ip/client-meta';
import { CurrentPrincipal, RequirePermissions } from '@/auth/guards/auth.decorators';
import { Principal } from '@/auth/principal';
import { ClientMeta } from '@/sessions/sessions.service';
import { WireBody } from '@/wire';
import { AdminRolesService } from './admin-roles.service';
import { SessionLimits, SetRoleSessionLimitRequest } from './role-session-limit.contract';

/** Per-role settings. Reading needs `session.read`; changing needs `admin`. */
@ApiTags('admin: roles')
@AdminController('roles')
export class AdminRolesController {
  constructor(private readonly service: AdminRolesService) {}

  @Get('session-limits')
  @RequirePermissions('session.read')
  @ApiOperation({
    summary: 'Session limits: per role, the global default and the policy',
    description:
      'A user holding limited roles may hold as many concurrent sessions as the largest of those ' +
      "roles' limits; a user without one, `SESSION_LIMIT_PER_USER` (null: unlimited). A login over " +
      'the limit is refused (`reject`: 403 `SessionLimitReached` in the caller’s format) or ends the ' +
      'user’s oldest session (`evict-oldest`: reason `limit`, audited).',
  })
  @ApiWireResponse(SessionLimits, 'The limits in force')
  sessionLimits(): Promise<SessionLimits> {
    return this.service.sessionLimits();
  }

  @Put(':role/session-limit')
  @RequirePermissions('admin')
  @ApiOperation({
    summary: "Sets or removes a role's session limit",
    description:
      'Needs `admin`. `MaxSessions` 1..100000, or null to remove the limit. Applies from the next ' +
      'login; sessions already open stay. Audited (`role.session_limit_changed`).',
  })
  @ApiParam({ name: 'role', description: 'The role name, e.g. `admin`' })
  @ApiWireResponse(SessionLimits, 'The limits in force after the change')
  @ApiAdminError(400, '`err_InvalidSessionLimit`')
  @ApiAdminError(403, '`err_PermissionDenied`')
  @ApiAdminError(404, '`err_RoleNotFound`')
  setSessionLimit(
    @CurrentPrincipal() caller: Principal,
    @Param('role') role: string,
    @WireBody(SetRoleSessionLimitRequest, { parameterName: 'request' })
    body: SetRoleSessionLimitRequest,
    @Client() client: ClientMeta,
  ): Promise<SessionLimits> {
    return this.service.setSessionLimit(role, body.MaxSessions, actorOf(caller, client));
  }
}
