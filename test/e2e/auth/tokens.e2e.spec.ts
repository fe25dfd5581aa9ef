import { sign } from 'jsonwebtoken';
import request from 'supertest';
import { UserEntity } from '@/users/entities/user.entity';
import { bearer, loginLegacy } from '@test/support/http';
import { createTestApp, createUserWithPassword, TestApp } from '@test/support/test-app';

const DENIED = '{"Message":"Authorization has been denied for this request."}';

function unsigned(payload: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
}

describe('access tokens are refused when they should be', () => {
  let testApp: TestApp;
  let user: UserEntity;

  beforeAll(async () => {
    testApp = await createTestApp();
    user = await createUserWithPassword(testApp);
  });
  afterAll(() => testApp.close());

  const sessionWith = (token: string) =>
    request(testApp.server).get('/Auth/Session').set('Authorization', bearer(token));

  async function claimsFor() {
    const login = await loginLegacy(testApp, user.username);
    const now = Math.floor(Date.now() / 1000);
    return {
      login,
      claims: {
        sub: user.guid,
        sid: login.sessionId,
        iat: now,
        exp: now + 600,
        iss: testApp.config.jwt.issuer,
        aud: testApp.config.jwt.audience,
      },
    };
  }

  it('accepts a genuine token (the control case)', async () => {
    const { login } = await claimsFor();
    await sessionWith(login.accessToken).expect(200);
  });

  it.each([
    ['alg: none', (c: object) => unsigned(c)],
    [
      'a wrong key',
      (c: object) => sign(c, 'another-secret-another-secret-000000', { algorithm: 'HS256' }),
    ],
    [
      'HS512 instead of HS256',
      (c: object, secret: string) => sign(c, secret, { algorithm: 'HS512' }),
    ],
    [
      'no exp',
      (c: { exp?: number }, secret: string) => {
        const { exp: _exp, ...rest } = c;
        return sign(rest, secret, { algorithm: 'HS256' });
      },
    ],
    [
      'an expired exp',
      (c: object, secret: string) =>
        sign(
          {
            ...c,
            iat: Math.floor(Date.now() / 1000) - 120,
            exp: Math.floor(Date.now() / 1000) - 60,
          },
          secret,
          {
            algorithm: 'HS256',
          },
        ),
    ],
    [
      'a foreign audience',
      (c: object, secret: string) =>
        sign({ ...c, aud: 'someone-else' }, secret, { algorithm: 'HS256' }),
    ],
    [
      'a foreign issuer',
      (c: object, secret: string) =>
        sign({ ...c, iss: 'someone-else' }, secret, { algorithm: 'HS256' }),
    ],
    [
      'another user’s sub',
      (c: object, secret: string) =>
        sign({ ...c, sub: '00000000-0000-0000-0000-000000000000' }, secret, { algorithm: 'HS256' }),
    ],
    [
      'a kid pointing elsewhere',
      (c: object) => sign(c, 'x'.repeat(40), { algorithm: 'HS256', keyid: '../../../dev/null' }),
    ],
  ])('refuses a token with %s', async (_label, forge) => {
    const { claims } = await claimsFor();
    const response = await sessionWith(forge(claims as never, testApp.config.jwt.secret)).expect(
      401,
    );
    expect(response.text).toBe(DENIED);
  });

  it('refuses a refresh token presented as bearer, and garbage', async () => {
    const { login } = await claimsFor();
    await sessionWith(login.refreshToken).expect(401);
    await sessionWith('not.a.jwt').expect(401);
    await request(testApp.server)
      .get('/Auth/Session')
      .set('Authorization', 'Basic abc')
      .expect(401);
    await request(testApp.server).get('/Auth/Session').expect(401);
  });

  it('refuses the token of a session that expired or was revoked in the database', async () => {
    const expired = await loginLegacy(testApp, user.username);
    await testApp.database.dataSource.query(
      `UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [expired.sessionId],
    );
    // The liveness cache holds a state for at most SESSION_CACHE_TTL_MS.
    await new Promise((done) => setTimeout(done, testApp.config.session.stateCacheTtlMs + 50));
    await sessionWith(expired.accessToken).expect(401);
  });

  it('locks the account after repeated failures, with the same answer as a wrong password', async () => {
    const victim = await createUserWithPassword(testApp);
    const attempt = (password: string) =>
      request(testApp.server)
        .post('/Auth/Login')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ UserName: victim.username, Password: password }));
    for (let i = 0; i < testApp.config.lockout.threshold; i++) {
      expect((await attempt('wrong password!')).text).toBe(DENIED);
    }
    const locked = await attempt('correct horse battery');
    expect(locked.status).toBe(401);
    expect(locked.text).toBe(DENIED);
    const unknown = await request(testApp.server)
      .post('/Auth/Login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ UserName: 'nobody-at-all', Password: 'whatever!' }));
    expect(unknown.text).toBe(DENIED);
    const state = await testApp.users.findById(victim.id);
    expect(state?.failedLoginAttempts).toBe(testApp.config.lockout.threshold);
    expect(state!.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
  });
});
