import { OpenDatabase } from '@/platform/database/database';
import { SessionsRepository } from '@/sessions/sessions.repository';
import { UsersRepository } from '@/users/users.repository';
import { openTestDatabase } from '@test/support/test-database';
import { createSession, createUser } from '@test/support/factories';

/**
 * `activeSessionCounts`, the admin console's chart: which sessions were active
 * at each of 13 instants over the last hour, on a database of its own so the
 * counts are exact. Times sit half-way between two instants (x.5 minutes), so
 * the few milliseconds between setting them and querying cannot move a session
 * across an instant.
 */
describe('SessionsRepository.activeSessionCounts (real database)', () => {
  let database: OpenDatabase;
  let users: UsersRepository;
  let sessions: SessionsRepository;

  beforeAll(async () => {
    database = await openTestDatabase();
    users = new UsersRepository(database.dataSource);
    sessions = new SessionsRepository(database.dataSource);
  });
  afterAll(() => database.close());

  /** A session that started `startedMinutesAgo`, idle expiry and end (null: alive) in minutes from now. */
  async function sessionAt(
    userId: number,
    startedMinutesAgo: number,
    expiresInMinutes: number,
    endedMinutesAgo: number | null,
  ): Promise<void> {
    const session = await createSession(sessions, userId);
    await database.dataSource.query(
      `UPDATE sessions SET created_at = now() - make_interval(secs => $2::float8 * 60),
              expires_at = now() + make_interval(secs => $3::float8 * 60),
              absolute_expires_at = now() + interval '1 day',
              revoked_at = CASE WHEN $4::float8 IS NULL THEN NULL ELSE now() - make_interval(secs => $4::float8 * 60) END
        WHERE id = $1`,
      [session.id, startedMinutesAgo, expiresInMinutes, endedMinutesAgo],
    );
  }

  it('is empty at every instant on a database without sessions', async () => {
    const points = await sessions.activeSessionCounts(60, 13);
    expect(points.map((point) => point.count)).toEqual(Array(13).fill(0));
  });

  it('counts each session at the instants between its start and its end or idle expiry', async () => {
    const user = await createUser(users);
    await sessionAt(user.id, 70, 30, null); // alive all hour
    await sessionAt(user.id, 52.5, 30, 22.5); // revoked 22.5 minutes ago
    await sessionAt(user.id, 12.5, -2.5, null); // idle-expired 2.5 minutes ago, not yet swept
    await sessionAt(user.id, 120, 30, 90); // ended before the hour began
    await sessionAt(user.id, 30.5, 30, 30.2); // started and ended between two instants

    const points = await sessions.activeSessionCounts(60, 13);

    // Instants: 60, 55, ..., 5 minutes ago, then now.
    expect(points.map((point) => point.count)).toEqual([1, 1, 2, 2, 2, 2, 2, 2, 1, 1, 2, 2, 1]);
    const times = points.map((point) => point.at.getTime());
    expect(times[12] - times[0]).toBeCloseTo(60 * 60_000, -2);
    for (let i = 1; i < times.length; i++)
      expect(times[i] - times[i - 1]).toBeCloseTo(5 * 60_000, -2);
    expect(Math.abs(times[12] - Date.now())).toBeLessThan(60_000);
  });
});
