import { AuditEventEntity } from '@/audit/audit-event.entity';
import { toAuditEvent, userIdsOf } from './audit.mapper';

const event = (overrides: Partial<AuditEventEntity>): AuditEventEntity =>
  Object.assign(new AuditEventEntity(), {
    id: '12',
    occurredAt: new Date('2024-05-20T04:23:26.5Z'),
    action: 'session.ended',
    actorUserId: 1,
    subjectUserId: 2,
    sessionId: 30,
    ip: '10.0.0.1',
    details: { reason: 'admin_revoke', count: 2, ok: true, none: null },
    ...overrides,
  });

describe('audit mapper', () => {
  it('labels actor and subject and turns details into sorted name/value pairs', () => {
    const users = new Map([
      [1, { guid: '11111111-1111-4111-8111-111111111111', username: 'boss' }],
      [2, { guid: '22222222-2222-4222-8222-222222222222', username: 'worker' }],
    ]);
    expect(JSON.parse(JSON.stringify(toAuditEvent(event({}), users)))).toEqual({
      ID: '12',
      OccurredAt: '2024-05-20T04:23:26.500Z',
      Action: 'session.ended',
      ActorUserID: 1,
      ActorUserGuid: '11111111-1111-4111-8111-111111111111',
      ActorUserName: 'boss',
      SubjectUserID: 2,
      SubjectUserGuid: '22222222-2222-4222-8222-222222222222',
      SubjectUserName: 'worker',
      SessionID: 30,
      IP: '10.0.0.1',
      Details: [
        { Name: 'count', Value: '2' },
        { Name: 'none', Value: null },
        { Name: 'ok', Value: 'true' },
        { Name: 'reason', Value: 'admin_revoke' },
      ],
    });
  });

  it('leaves unknown or absent users null', () => {
    const mapped = toAuditEvent(
      event({ actorUserId: null, subjectUserId: 99, details: {} }),
      new Map(),
    );
    expect([
      mapped.ActorUserGuid,
      mapped.SubjectUserID,
      mapped.SubjectUserGuid,
      mapped.Details,
    ]).toEqual([null, 99, null, []]);
  });

  it('collects each user id once', () => {
    expect(userIdsOf([event({}), event({ actorUserId: 2, subjectUserId: null })]).sort()).toEqual([
      1, 2,
    ]);
  });
});
