import { createUserWithPassword, TestApp } from '@test/support/test-app';
import { adminSend, login, LoggedIn, startAdminApp } from './admin-fixture';

const U = '/api/admin/v1/users';
const ROUNDS = 15;

type Move = 'block' | 'disable' | 'demote';

/**
 * The last active administrator cannot be blocked, disabled or demoted, and
 * the check holds under concurrency: two administrators acting against each
 * other at the same instant never leave the service without one.
 */
describe('the last active administrator', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startAdminApp();
  });
  afterAll(() => testApp.close());

  const sql = <T>(text: string, params: unknown[] = []) =>
    testApp.database.dataSource.query(text, params) as Promise<T>;
  const activeAdministrators = async () =>
    (
      await sql<Array<{ count: number }>>(
        `SELECT count(DISTINCT u.id)::int AS count FROM users u
           JOIN user_roles ur ON ur.user_id = u.id JOIN role_permissions rp ON rp.role_id = ur.role_id
          WHERE rp.permission = 'admin' AND u.blocked_at IS NULL AND u.disabled_at IS NULL`,
      )
    )[0].count;
  const move = (caller: LoggedIn, target: LoggedIn, kind: Move) =>
    kind === 'demote'
      ? adminSend(testApp, caller, 'put', `${U}/${target.user.guid}`, { Roles: ['user-manager'] })
      : adminSend(testApp, caller, 'post', `${U}/${target.user.guid}/${kind}`);

  it('cannot block or disable itself when it is the only one', async () => {
    const only = await login(testApp, await createUserWithPassword(testApp, { roles: ['admin'] }));
    for (const kind of ['block', 'disable'] as const) {
      const res = await move(only, only, kind);
      expect([res.status, res.text]).toEqual([403, '{"Message":"err_LastAdministrator"}']);
    }
    expect(await activeAdministrators()).toBe(1);
    const audit = await sql<Array<{ details: Record<string, string> }>>(
      `SELECT details FROM audit_events WHERE action = 'access.denied' AND subject_user_id = $1 ORDER BY id`,
      [only.user.id],
    );
    expect(audit.map((row) => row.details)).toEqual([
      { attempted: 'user.blocked', reason: 'LastAdministrator' },
      { attempted: 'user.disabled', reason: 'LastAdministrator' },
    ]);
    await sql(`UPDATE users SET blocked_at = now() WHERE id = $1`, [only.user.id]);
  });

  it(`two administrators blocking, disabling or demoting each other at once (${ROUNDS} rounds each) always leave one`, async () => {
    const first = await createUserWithPassword(testApp, { roles: ['admin'] });
    const second = await createUserWithPassword(testApp, { roles: ['admin'] });
    const adminRole = (
      await sql<Array<{ id: number }>>(`SELECT id FROM roles WHERE name = 'admin'`)
    )[0].id;
    const outcomes: Record<string, number> = {};
    for (const kind of ['block', 'disable', 'demote'] as Move[]) {
      for (let round = 0; round < ROUNDS; round++) {
        const [a, b] = [await login(testApp, first), await login(testApp, second)];
        const results = await Promise.all([move(a, b, kind), move(b, a, kind)]);
        const statuses = results.map((res) => res.status).sort();
        outcomes[`${kind} ${statuses.join('/')}`] =
          (outcomes[`${kind} ${statuses.join('/')}`] ?? 0) + 1;
        expect(await activeAdministrators()).toBe(1);
        expect(statuses.filter((status) => status === 200)).toHaveLength(1);
        // The loser is refused by the atomic check, or (demoted first) by the subset rule, or
        // (its session ended by the winner's block) by the token check.
        for (const res of results.filter((res) => res.status !== 200)) {
          expect([
            '403 {"Message":"err_LastAdministrator"}',
            '403 {"Message":"err_TargetOutranksCaller"}',
            '401 {"Message":"err_Unauthenticated"}',
          ]).toContain(`${res.status} ${res.text}`);
        }
        // Both back to active administrators for the next round.
        await sql(`UPDATE users SET blocked_at = NULL, disabled_at = NULL WHERE id = ANY($1)`, [
          [first.id, second.id],
        ]);
        await sql(
          `INSERT INTO user_roles (user_id, role_id) SELECT unnest($1::int[]), $2 ON CONFLICT DO NOTHING`,
          [[first.id, second.id], adminRole],
        );
      }
    }
    // For the closing note: how the races ended (200 with 401 = the loser's session ended first).
    process.stdout.write(`last-administrator races: ${JSON.stringify(outcomes)}\n`);
  });
});
