import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { offsetOf, Page, PageRequest } from '@/platform/paging/page';
import { currentRequestId } from '@/platform/request-context/request-context';
import { escapeUnstorable } from '@/platform/text/storable-text';
import { AuditAction } from './audit-actions';
import { AuditDetails, AuditEventEntity } from './audit-event.entity';

export interface NewAuditEvent {
  action: AuditAction;
  actorUserId?: number | null;
  subjectUserId?: number | null;
  sessionId?: number | null;
  ip?: string | null;
  details?: AuditDetails;
}

export interface AuditFilter {
  userId?: number;
  action?: AuditAction;
  requestId?: string;
  from?: Date;
  to?: Date;
}

@Injectable()
export class AuditRepository {
  private readonly events: Repository<AuditEventEntity>;

  constructor(dataSource: DataSource) {
    this.events = dataSource.getRepository(AuditEventEntity);
  }

  record(...events: NewAuditEvent[]): Promise<void> {
    return this.recordWithin(this.events.manager, ...events);
  }

  /** Records inside the caller's transaction, so the events commit (or not) with its change. */
  async recordWithin(tx: EntityManager, ...events: NewAuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    const requestId = currentRequestId();
    await tx.getRepository(AuditEventEntity).insert(
      events.map((event) =>
        this.events.create({
          action: event.action,
          actorUserId: event.actorUserId ?? null,
          subjectUserId: event.subjectUserId ?? null,
          sessionId: event.sessionId ?? null,
          ip: event.ip ?? null,
          requestId,
          details: escapedDetails(event.details ?? {}),
        }),
      ),
    );
  }

  /** Newest first; `userId` matches the actor or the subject. */
  async list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEventEntity>> {
    const query = this.events.createQueryBuilder('e');
    if (filter.userId !== undefined) {
      query.andWhere('(e.subject_user_id = :userId OR e.actor_user_id = :userId)', {
        userId: filter.userId,
      });
    }
    if (filter.action) query.andWhere('e.action = :action', { action: filter.action });
    if (filter.requestId) {
      query.andWhere('e.request_id = :requestId', { requestId: filter.requestId });
    }
    if (filter.from) query.andWhere('e.occurred_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('e.occurred_at < :to', { to: filter.to });
    const [items, totalCount] = await query
      .orderBy('e.occurred_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .skip(offsetOf(page))
      .take(page.pageSize)
      .getManyAndCount();
    return { items, totalCount, ...page };
  }
}

/**
 * Details may quote what a caller sent (a login name); text jsonb cannot hold
 * (U+0000, unpaired surrogates) is written as `\uXXXX`, so recording an
 * attempt never fails because of what the attacker typed.
 */
function escapedDetails(details: AuditDetails): AuditDetails {
  const escaped: AuditDetails = {};
  for (const [key, value] of Object.entries(details))
    escaped[key] = typeof value === 'string' ? escapeUnstorable(value) : value;
  return escaped;
}
