import request from 'supertest';
import { UserEntity } from '@/users/entities/user.entity';
import { sessionIntegrityViolations } from '@test/support/db-fingerprint';
import { bearer, LegacyLogin, loginLegacy } from '@test/support/http';
import { createTestApp, createUserWithPassword, TestApp } from '@test/support/test-app';
import {
  accessWorks,
  loginRequest,
  refreshRequest,
  refreshWorks,
  revokedState,
  tokensOf,
} from './race-helpers';

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

/** Races on the refresh path against a real database (PGlite, and PostgreSQL in CI's second pass). */
describe(`refresh races (${backend})`, () => {
  let testApp: TestApp;
  let admin: LegacyLogin;

  beforeAll(async () => {
    testApp = await createTestApp({ LOCKOUT_THRESHOLD: '1000' });
    const adminUser = await createUserWithPassword(testApp, { roles: ['admin'] });
    admin = await loginLegacy(testApp, adminUser.username);
  });
  afterAll(() => testApp.close());

  it('20 parallel refreshes with one token: exactly one wins, and the reuse ends the session', async () => {
    const user = await createUserWithPassword(testApp);
    const login = await loginLegacy(testApp, user.username);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => refreshRequest(testApp, login.refreshToken)),
    );
    const winners = responses.filter((res) => res.status === 200);
    expect(winners).toHaveLength(1);
    expect(responses.filter((res) => res.status === 401)).toHaveLength(19);

    // Every loser presented an already-rotated token: reuse detection ends the session,
    // so even the winner's fresh tokens are refused.
    const state = await revokedState(testApp, [login.sessionId]);
    expect(state.get(login.sessionId)).toEqual({ revoked: true, reason: 'token_reused' });
    const won = tokensOf(winners[0].body);
    expect(won.sessionId).toBe(login.sessionId);
    expect(await accessWorks(testApp, won.accessToken)).toBe(false);
    expect(await refreshWorks(testApp, won.refreshToken)).toBe(false);
    expect(await accessWorks(testApp, login.accessToken)).toBe(false);
    const [{ rotations }] = await testApp.database.dataSource.query(
      `SELECT count(*)::int AS rotations FROM audit_events WHERE action = 'session.refreshed' AND session_id = $1`,
      [login.sessionId],
    );
    expect(rotations).toBe(1);
  });

  /**
   * 20 refreshes (one per existing session) and 20 new logins in flight; the
   * revoke goes out when the 10th answer arrives. Afterwards: every session
   * that existed before is ended, every token a refresh handed out is
   * refused, every login answered before the revoke was sent is refused,
   * and a login that finished later is alive exactly when its row is.
   */
  async function raceAgainst(
    revoke: (user: UserEntity) => request.Test,
  ): Promise<{ survivors: number; afterRevoke: number }> {
    const user = await createUserWithPassword(testApp);
    const existing = await Promise.all(
      Array.from({ length: 20 }, () => loginLegacy(testApp, user.username)),
    );
    let answered = 0;
    let revokeSent = false;
    let revokeCall: Promise<request.Response> | undefined;
    const track = <T>(call: PromiseLike<T>, kind: 'refresh' | 'login') =>
      Promise.resolve(call).then((res) => {
        const beforeRevoke = !revokeSent;
        answered += 1;
        if (answered === 25) {
          revokeSent = true;
          revokeCall = Promise.resolve(revoke(user));
        }
        return { res: res as request.Response, kind, beforeRevoke };
      });
    const race = await Promise.all([
      ...existing.map((login) => track(refreshRequest(testApp, login.refreshToken), 'refresh')),
      ...Array.from({ length: 20 }, () => track(loginRequest(testApp, user.username), 'login')),
    ]);
    const revoked = await revokeCall!;
    expect(revoked.status).toBe(200);

    expect(race.every(({ res }) => res.status === 200 || res.status === 401)).toBe(true);
    const refreshed = race.filter(({ kind, res }) => kind === 'refresh' && res.status === 200);
    const logins = race.filter(({ kind }) => kind === 'login');
    expect(logins.every(({ res }) => res.status === 200)).toBe(true);

    // Every pre-existing session ended, whatever the refreshes did.
    const before = await revokedState(
      testApp,
      existing.map((login) => login.sessionId),
    );
    expect([...before.values()].every((state) => state.revoked)).toBe(true);
    for (const login of existing) expect(await accessWorks(testApp, login.accessToken)).toBe(false);
    for (const { res } of refreshed) {
      const issued = tokensOf(res.body);
      expect(await accessWorks(testApp, issued.accessToken)).toBe(false);
      expect(await refreshWorks(testApp, issued.refreshToken)).toBe(false);
    }

    const loginTokens = logins.map(({ res, beforeRevoke }) => ({
      ...tokensOf(res.body),
      beforeRevoke,
    }));
    const loginState = await revokedState(
      testApp,
      loginTokens.map((login) => login.sessionId),
    );
    let survivors = 0;
    for (const login of loginTokens) {
      const alive = !loginState.get(login.sessionId)!.revoked;
      if (login.beforeRevoke) expect(alive).toBe(false);
      expect(await accessWorks(testApp, login.accessToken)).toBe(alive);
      if (alive) survivors += 1;
    }
    const violations = await sessionIntegrityViolations(testApp.database.dataSource);
    expect(violations).toEqual({ sessionsWithoutToken: [], counterMismatches: [] });
    const afterRevoke = loginTokens.filter((login) => !login.beforeRevoke).length;
    console.log(
      `${backend}: ${refreshed.length}/20 refreshes won before the revoke, ` +
        `${20 - afterRevoke} logins answered before it (all refused), ` +
        `${afterRevoke} after it, of which ${survivors} committed after the revoke and live on`,
    );
    return { survivors, afterRevoke };
  }

  it('admin revoke-user in the middle of 20 refreshes + 20 logins', async () => {
    const { survivors, afterRevoke } = await raceAgainst((user) =>
      request(testApp.server)
        .post('/api/admin/v1/authenticated-sessions/revoke-user')
        .set('Authorization', bearer(admin.accessToken))
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ UserGuid: user.guid })),
    );
    expect(survivors).toBeLessThanOrEqual(afterRevoke);
  });

  it('kill-session in the middle of 20 refreshes + 20 logins', async () => {
    const { survivors, afterRevoke } = await raceAgainst((user) =>
      request(testApp.server)
        .post('/api/kill-session')
        .set('Authorization', bearer(admin.accessToken))
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ Id: user.id })),
    );
    expect(survivors).toBeLessThanOrEqual(afterRevoke);
  });
});
