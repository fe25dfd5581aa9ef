import { AuditRepository } from '@/audit/audit.repository';
import { OpenDatabase } from '@/platform/database/database';
import { openTestDatabase } from '@test/support/test-database';

describe('AuditRepository (real database)', () => {
  let database: OpenDatabase;
  let audit: AuditRepository;

  beforeAll(async () => {
    database = await openTestDatabase();
    audit = new AuditRepository(database.dataSource);
  });
  afterAll(() => database.close());

  it('records events and filters them by user, action and time, newest first', async () => {
    const before = new Date(Date.now() - 1000);
    await audit.record(
      {
        action: 'login.failed',
        subjectUserId: 901,
        ip: '10.0.0.1',
        details: { reason: 'password' },
      },
      { action: 'login.succeeded', subjectUserId: 901, sessionId: 5 },
      { action: 'session.ended', actorUserId: 901, subjectUserId: 902, sessionId: 6 },
      { action: 'login.failed', subjectUserId: 903 },
    );
    const forUser = await audit.list({ userId: 901 }, { page: 1, pageSize: 10 });
    expect(forUser.totalCount).toBe(3);
    expect(forUser.items.map((event) => event.action)).toEqual([
      'session.ended',
      'login.succeeded',
      'login.failed',
    ]);
    expect(forUser.items[2].details).toEqual({ reason: 'password' });

    const failures = await audit.list(
      { action: 'login.failed', from: before },
      { page: 1, pageSize: 1 },
    );
    expect(failures.totalCount).toBe(2);
    expect(failures.items).toHaveLength(1);

    const future = await audit.list(
      { from: new Date(Date.now() + 60_000) },
      { page: 1, pageSize: 10 },
    );
    expect(future.totalCount).toBe(0);
  });
});
