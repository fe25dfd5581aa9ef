import { PasswordHasher } from '@/users/passwords/password-hasher';
import { UserEntity } from '@/users/entities/user.entity';
import { PASSWORD_ROUTES, passwordLogin } from '@test/support/password-routes';
import { createTestApp, createUserWithPassword, TestApp } from '@test/support/test-app';
import { TEST_PASSWORD } from './race-helpers';

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const THRESHOLD = 5;
const WRONG = 'wrong password!';

/**
 * SPEC 5: at most LOCKOUT_THRESHOLD password checks reach an account's hash per
 * lock window, however many requests arrive at once, on every login route.
 * The real PasswordHasher counts its `verify` calls (the spy calls through), and
 * the audit trail says what each attempt became.
 */
describe(`lockout under parallel guesses (${backend})`, () => {
  let testApp: TestApp;
  let verify: jest.SpyInstance;

  beforeAll(async () => {
    testApp = await createTestApp({ LOCKOUT_THRESHOLD: String(THRESHOLD) });
    verify = jest.spyOn(testApp.app.get(PasswordHasher, { strict: false }), 'verify');
  });
  afterAll(() => testApp.close());
  beforeEach(() => verify.mockClear());

  async function auditReasons(user: UserEntity): Promise<Record<string, number>> {
    const rows: Array<{ action: string; reason: string | null; n: number }> =
      await testApp.database.dataSource.query(
        `SELECT action, details->>'reason' AS reason, count(*)::int AS n FROM audit_events
          WHERE subject_user_id = $1 AND action LIKE 'login.%' GROUP BY 1, 2`,
        [user.id],
      );
    return Object.fromEntries(rows.map((row) => [`${row.action}:${row.reason ?? ''}`, row.n]));
  }

  async function lockState(user: UserEntity) {
    const [row] = await testApp.database.dataSource.query(
      `SELECT failed_login_attempts AS failures, locked_until AS "lockedUntil" FROM users WHERE id = $1`,
      [user.id],
    );
    return row as { failures: number; lockedUntil: Date | null };
  }

  /** `size` parallel attempts over the three routes; `right` (if any) has the right password. */
  async function burst(user: UserEntity, size: number, right = -1) {
    const started = performance.now();
    const responses = await Promise.all(
      Array.from({ length: size }, (_, i) =>
        passwordLogin(
          testApp,
          PASSWORD_ROUTES[i % PASSWORD_ROUTES.length],
          user.username,
          i === right ? TEST_PASSWORD : WRONG,
        ),
      ),
    );
    const elapsed = performance.now() - started;
    return { responses, hashChecks: verify.mock.calls.length, elapsed };
  }

  function totalAudited(reasons: Record<string, number>): number {
    return (
      Object.values(reasons).reduce((sum, n) => sum + n, 0) - (reasons['login.locked_out:'] ?? 0)
    );
  }

  for (const size of [40, 200]) {
    it(`${size} parallel wrong passwords reach the hash exactly ${THRESHOLD} times, then the account is locked`, async () => {
      const user = await createUserWithPassword(testApp);
      const { responses, hashChecks, elapsed } = await burst(user, size);

      expect(responses.map((res) => res.status)).toEqual(Array(size).fill(401));
      expect(hashChecks).toBe(THRESHOLD);
      const reasons = await auditReasons(user);
      expect(reasons['login.failed:wrong_password']).toBe(THRESHOLD);
      expect(reasons['login.locked_out:']).toBe(1);
      expect(totalAudited(reasons)).toBe(size);
      const state = await lockState(user);
      expect(state.failures).toBe(THRESHOLD);
      expect(state.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
      console.log(
        `${backend}: ${size}-way burst, all wrong (Basic/body/v2): ${hashChecks} password checks reached ` +
          `the hash (threshold ${THRESHOLD}); audit ${JSON.stringify(reasons)}; ${elapsed.toFixed(0)} ms`,
      );
    });

    it(`${size} parallel attempts with one right password: no lock window sees more than ${THRESHOLD} checks`, async () => {
      const user = await createUserWithPassword(testApp);
      const right = Math.floor(size / 2);
      const { responses, hashChecks, elapsed } = await burst(user, size, right);

      const wrongStatuses = responses.filter((_, i) => i !== right).map((res) => res.status);
      expect(wrongStatuses).toEqual(Array(size - 1).fill(401));
      const reasons = await auditReasons(user);
      const wrongChecks = reasons['login.failed:wrong_password'] ?? 0;
      const successes = reasons['login.succeeded:'] ?? 0;
      expect(wrongChecks + successes).toBe(hashChecks);
      expect(totalAudited(reasons)).toBe(size);
      const state = await lockState(user);
      const rightAnswer = responses[right].status;
      if (rightAnswer === 401) {
        // It arrived while every slot was taken or the account was locked: no check, no clearing.
        expect(successes).toBe(0);
        expect(hashChecks).toBe(THRESHOLD);
        expect(state.failures).toBe(THRESHOLD);
        expect(state.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
      } else {
        // It held one of the slots, so fewer than THRESHOLD failures came before it; it
        // cleared the counter, and what came after is a new window counted from zero.
        expect([200, 201]).toContain(rightAnswer);
        expect(successes).toBe(1);
        expect(wrongChecks - state.failures).toBeLessThan(THRESHOLD);
        expect(state.failures).toBeLessThanOrEqual(THRESHOLD);
      }
      console.log(
        `${backend}: ${size}-way burst, 1 right + ${size - 1} wrong (Basic/body/v2): ${hashChecks} password ` +
          `checks reached the hash; right password answered ${rightAnswer}; audit ${JSON.stringify(reasons)}; ` +
          `${elapsed.toFixed(0)} ms`,
      );
    });
  }

  it('once locked, a burst of right passwords neither succeeds nor clears the lock', async () => {
    const user = await createUserWithPassword(testApp);
    for (let i = 0; i < THRESHOLD; i++) {
      expect((await passwordLogin(testApp, 'basic', user.username, WRONG)).status).toBe(401);
    }
    const locked = await lockState(user);
    expect(locked.failures).toBe(THRESHOLD);
    verify.mockClear();

    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        passwordLogin(
          testApp,
          PASSWORD_ROUTES[i % PASSWORD_ROUTES.length],
          user.username,
          TEST_PASSWORD,
        ),
      ),
    );
    expect(responses.map((res) => res.status)).toEqual(Array(40).fill(401));
    expect(verify).not.toHaveBeenCalled();
    expect(await lockState(user)).toEqual(locked);
    const reasons = await auditReasons(user);
    expect(reasons['login.failed:locked']).toBe(40);
    expect(reasons['login.succeeded:']).toBeUndefined();
  });

  it('a right password whose account gets locked while it is checked neither succeeds nor clears', async () => {
    const user = await createUserWithPassword(testApp);
    const hasher = testApp.app.get(PasswordHasher, { strict: false });
    const realVerify = PasswordHasher.prototype.verify.bind(hasher);
    // Another instance locks the account while this check runs (e.g. its slot had run out).
    verify.mockImplementationOnce(async (...args: Parameters<PasswordHasher['verify']>) => {
      const verdict = await realVerify(...args);
      await testApp.database.dataSource.query(
        `UPDATE users SET failed_login_attempts = $2, locked_until = now() + interval '1 minute' WHERE id = $1`,
        [user.id, THRESHOLD],
      );
      return verdict;
    });
    const res = await passwordLogin(testApp, 'basic', user.username, TEST_PASSWORD);
    expect(res.status).toBe(401);
    const state = await lockState(user);
    expect(state.failures).toBe(THRESHOLD);
    expect(state.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(await auditReasons(user)).toEqual({ 'login.failed:locked': 1 });
  });

  it('a blocked account frees its slot: the attempt never counts as a failure', async () => {
    const user = await createUserWithPassword(testApp);
    await testApp.users.block(user.id);
    const responses = await Promise.all(
      Array.from({ length: 2 * THRESHOLD }, () =>
        passwordLogin(testApp, 'v2', user.username, TEST_PASSWORD),
      ),
    );
    expect(responses.map((res) => res.status)).toEqual(Array(2 * THRESHOLD).fill(401));
    const [row] = await testApp.database.dataSource.query(
      `SELECT failed_login_attempts AS failures, jsonb_array_length(login_reservations) AS slots
         FROM users WHERE id = $1`,
      [user.id],
    );
    expect(row).toEqual({ failures: 0, slots: 0 });
    expect(await auditReasons(user)).not.toHaveProperty(['login.failed:wrong_password']);
  });

  it('a single correct login still works and clears earlier failures', async () => {
    const user = await createUserWithPassword(testApp);
    for (let i = 0; i < THRESHOLD - 1; i++) {
      expect((await passwordLogin(testApp, 'body', user.username, WRONG)).status).toBe(401);
    }
    expect((await passwordLogin(testApp, 'v2', user.username, TEST_PASSWORD)).status).toBe(201);
    expect(await lockState(user)).toEqual({ failures: 0, lockedUntil: null });
    expect(verify).toHaveBeenCalledTimes(THRESHOLD);
  });
});
