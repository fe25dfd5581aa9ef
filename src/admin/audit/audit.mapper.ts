import { AuditEventEntity } from '@/audit/audit-event.entity';
import { UserIdentity } from '@/users/users.repository';
import { AuditDetail, AuditEvent } from './audit.contract';

/** Details sorted by name, values as text (`null` stays null). */
export function toAuditDetails(details: AuditEventEntity['details']): AuditDetail[] {
  return Object.keys(details ?? {})
    .sort()
    .map((name) => {
      const value = details[name];
      return Object.assign(new AuditDetail(), {
        Name: name,
        Value: value === null ? null : String(value),
      });
    });
}

/** The ids of every user an event page names, to label them in one query. */
export function userIdsOf(events: AuditEventEntity[]): number[] {
  const ids = new Set<number>();
  for (const event of events) {
    if (event.actorUserId !== null) ids.add(event.actorUserId);
    if (event.subjectUserId !== null) ids.add(event.subjectUserId);
  }
  return [...ids];
}

export function toAuditEvent(
  event: AuditEventEntity,
  users: Map<number, UserIdentity>,
): AuditEvent {
  const actor = event.actorUserId === null ? undefined : users.get(event.actorUserId);
  const subject = event.subjectUserId === null ? undefined : users.get(event.subjectUserId);
  return Object.assign(new AuditEvent(), {
    ID: event.id,
    OccurredAt: event.occurredAt,
    Action: event.action,
    ActorUserID: event.actorUserId,
    ActorUserGuid: actor?.guid ?? null,
    ActorUserName: actor?.username ?? null,
    SubjectUserID: event.subjectUserId,
    SubjectUserGuid: subject?.guid ?? null,
    SubjectUserName: subject?.username ?? null,
    SessionID: event.sessionId,
    IP: event.ip,
    RequestId: event.requestId,
    Details: toAuditDetails(event.details),
  });
}
