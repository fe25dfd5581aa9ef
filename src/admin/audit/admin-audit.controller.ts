import { Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  AdminController,
  ApiAdminError,
  ApiPaging,
  ApiWireResponse,
} from '@/admin/common/admin-api.decorators';
import { parsePaging, RawQuery } from '@/admin/common/admin-query';
import { PagedList } from '@/admin/common/page.contract';
import { AUDIT_ACTIONS } from '@/audit/audit-actions';
import { RequirePermissions } from '@/auth/guards/auth.decorators';
import { AdminAuditService } from './admin-audit.service';
import { AuditEvent, AuditEventPage } from './audit.contract';
import { parseAuditQuery } from './audit-query';

const DATE =
  'ISO 8601 date or date-time (`2024-05-20`, `2024-05-20T10:00:00Z`); without an offset it is UTC.';

@ApiTags('admin: audit')
@AdminController('audit-events')
export class AdminAuditController {
  constructor(private readonly service: AdminAuditService) {}

  @Get()
  @RequirePermissions('session.read', 'user.write')
  @ApiOperation({
    summary: 'The audit trail, newest first',
    description:
      'Needs `session.read` or `user.write`. Logins, failures, lockouts, session starts/ends and admin ' +
      'actions. Filters combine with AND; a user filter matches the actor or the subject.',
  })
  @ApiPaging()
  @ApiQuery({
    name: 'userGuid',
    required: false,
    description: 'Actor or subject GUID; unknown → empty page',
  })
  @ApiQuery({
    name: 'userId',
    required: false,
    schema: { type: 'integer', minimum: 1 },
    description: 'Actor or subject id',
  })
  @ApiQuery({ name: 'action', required: false, enum: [...AUDIT_ACTIONS] })
  @ApiQuery({
    name: 'requestId',
    required: false,
    description: 'Events caused by the request with this X-Request-Id',
  })
  @ApiQuery({ name: 'from', required: false, description: `Inclusive lower bound. ${DATE}` })
  @ApiQuery({ name: 'to', required: false, description: `Exclusive upper bound. ${DATE}` })
  @ApiWireResponse(AuditEventPage, 'One page of events')
  @ApiAdminError(
    400,
    '`err_InvalidPaging`, `err_InvalidGuid`, `err_InvalidUserId`, `err_InvalidAction`, `err_InvalidRequestId`, `err_InvalidDate`, `err_InvalidDateRange`',
  )
  list(@Query() query: RawQuery): Promise<PagedList<AuditEvent>> {
    return this.service.list(parseAuditQuery(query), parsePaging(query));
  }
}
