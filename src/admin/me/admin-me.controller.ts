import { Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminController, ApiWireResponse } from '@/admin/common/admin-api.decorators';
import { CurrentPrincipal } from '@/auth/guards/auth.decorators';
import { Principal } from '@/auth/principal';
import { AdminMeService } from './admin-me.service';
import { AdminMe } from './me.contract';

/** The caller's own identity and permissions: what the admin console offers depends on it. */
@ApiTags('admin: me')
@AdminController('me')
export class AdminMeController {
  constructor(private readonly service: AdminMeService) {}

  @Get()
  @ApiOperation({
    summary: "The caller's own account, roles and permissions",
    description:
      "Any live bearer token; no permission needed. Answers only about the token's own account " +
      '(there is no parameter naming another user), so it reveals nothing a caller could not already ' +
      'learn by trying a route. Clients use it to offer only the actions the caller may take; the ' +
      'server still checks every route.',
  })
  @ApiWireResponse(AdminMe, 'The caller')
  me(@CurrentPrincipal() caller: Principal): Promise<AdminMe> {
    return this.service.me(caller);
  }
}
