import { Injectable } from '@nestjs/common';
import { emptyPagedList, PagedList, toPagedList } from '@/admin/common/page.contract';
import { AuditRepository } from '@/audit/audit.repository';
import { PageRequest } from '@/platform/paging/page';
import { UsersRepository } from '@/users/users.repository';
import { AuditEvent, AuditEventPage } from './audit.contract';
import { AuditQuery } from './audit-query';
import { toAuditEvent, userIdsOf } from './audit.mapper';

/** The audit trail, newest first, each event labelled with its users' GUIDs and names. */
@Injectable()
export class AdminAuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly users: UsersRepository,
  ) {}

  /** A `userGuid` nobody has matches nothing: an empty page. */
  async list(query: AuditQuery, page: PageRequest): Promise<PagedList<AuditEvent>> {
    let userId = query.userId;
    if (query.userGuid !== undefined) {
      const user = await this.users.findByGuid(query.userGuid);
      if (!user || (userId !== undefined && userId !== user.id))
        return emptyPagedList(AuditEventPage, page);
      userId = user.id;
    }
    const events = await this.audit.list(
      { userId, action: query.action, requestId: query.requestId, from: query.from, to: query.to },
      page,
    );
    const identities = await this.users.identitiesByIds(userIdsOf(events.items));
    return toPagedList(AuditEventPage, events, (event) => toAuditEvent(event, identities));
  }
}
