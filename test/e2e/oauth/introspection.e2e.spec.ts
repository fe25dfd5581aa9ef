import { createHmac } from 'node:crypto';
import request from 'supertest';
import { UserEntity } from '@/users/entities/user.entity';
import { bearer, loginLegacy } from '@test/support/http';
import {
  basicAuth,
  createTestApp,
  createUserWithPassword,
  TEST_API_KEY,
  TestApp,
} from '@test/support/test-app';
import { createV2Session } from '../v2/v2-helpers';

const BOOT_MS = 300_000;
/** createTestApp's API_CLIENT_KEYS is the bare secret, so its client is named `key1`. */
const CLIENT = basicAuth('key1', TEST_API_KEY);
const FORM = 'application/x-www-form-urlencoded';

type Json = Record<string, unknown>;
const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('POST /oauth/introspect and /oauth/revoke (RFC 7662, RFC 7009)', () => {
  let testApp: TestApp;
  let user: UserEntity;

  beforeAll(async () => {
    testApp = await createTestApp();
    user = await createUserWithPassword(testApp);
  }, BOOT_MS);
  afterAll(() => testApp?.close());

  const post = (path: string, body: string | Buffer, auth: string | null = CLIENT) => {
    const call = request(testApp.server).post(path).set('Content-Type', FORM);
    return (auth ? call.set('Authorization', auth) : call).send(body);
  };
  const introspect = (token: string, extra = '', auth: string | null = CLIENT) =>
    post('/oauth/introspect', `token=${encodeURIComponent(token)}${extra}`, auth);
  const revoke = (token: string, extra = '') =>
    post('/oauth/revoke', `token=${encodeURIComponent(token)}${extra}`);

  async function expectInactive(token: string, extra = ''): Promise<void> {
    const response = await introspect(token, extra).expect(200);
    expect(response.text).toBe('{"active":false}');
  }

  function forgeHs256(claims: Json): string {
    const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
    const signature = createHmac('sha256', testApp.config.jwt.secret)
      .update(input)
      .digest('base64url');
    return `${input}.${signature}`;
  }

  async function endedAudits(sessionId: number): Promise<Json[]> {
    return testApp.database.dataSource.query(
      `SELECT details FROM audit_events WHERE action = 'session.ended' AND session_id = $1`,
      [sessionId],
    );
  }

  it('introspects a live access token, refresh token and v2 session token', async () => {
    const login = await loginLegacy(testApp, user.username);
    const v2 = await createV2Session(testApp, user.username);
    const v2SessionId = Number(v2.sessionId);
    const cases: Array<[string, string, number]> = [
      ['access_token', login.accessToken, login.sessionId],
      ['refresh_token', login.refreshToken, login.sessionId],
      ['session_token', v2.sessionToken, v2SessionId],
      ['access_token', v2.accessToken, v2SessionId],
    ];
    for (const [type, token, sid] of cases) {
      const response = await introspect(token).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const now = Date.now() / 1000;
      expect(response.body).toEqual({
        active: true,
        sub: user.guid,
        username: user.username,
        token_type: type,
        exp: expect.any(Number),
        iat: expect.any(Number),
        sid,
        iss: testApp.config.jwt.issuer,
        aud: testApp.config.jwt.audience,
      });
      expect(response.body.exp).toBeGreaterThan(now);
      expect(response.body.iat).toBeLessThanOrEqual(now + 1);
    }
    // A wrong hint is only a hint.
    const hinted = await introspect(login.accessToken, '&token_type_hint=refresh_token').expect(
      200,
    );
    expect(hinted.body).toMatchObject({ active: true, token_type: 'access_token' });
    const unknownHint = await introspect(v2.sessionToken, '&token_type_hint=whatever').expect(200);
    expect(unknownHint.body).toMatchObject({ active: true, token_type: 'session_token' });
  });

  it('takes the client in HTTP Basic (form-encoded name and secret) or in X-Api-Key', async () => {
    const login = await loginLegacy(testApp, user.username);
    const encoded = basicAuth('key1', encodeURIComponent(TEST_API_KEY));
    await introspect(login.accessToken, '', encoded).expect(200);
    const response = await request(testApp.server)
      .post('/oauth/introspect')
      .set('Content-Type', FORM)
      .set('X-Api-Key', TEST_API_KEY)
      .send(`token=${login.accessToken}`)
      .expect(200);
    expect(response.body.active).toBe(true);
  });

  it('answers exactly {"active":false} for garbage, unknown, forged, expired, rotated and revoked tokens', async () => {
    const login = await loginLegacy(testApp, user.username);
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      sid: login.sessionId,
      iat: now - 3600,
      exp: now - 60,
      aud: testApp.config.jwt.audience,
      iss: testApp.config.jwt.issuer,
      sub: user.guid,
    };
    await expectInactive('not-a-token');
    await expectInactive(' ');
    await expectInactive('A'.repeat(43));
    await expectInactive('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl');
    await expectInactive(`${part({ alg: 'none' })}.${part({ ...claims, exp: now + 600 })}.`);
    await expectInactive(forgeHs256(claims));
    await expectInactive(forgeHs256({ ...claims, exp: now + 600, sub: 'someone-else' }));
    await expectInactive(login.accessToken.slice(0, -2));

    const refreshed = await request(testApp.server)
      .post('/Auth/Refresh')
      .set('X-Refresh-Token', login.refreshToken)
      .set('Accept', 'application/json')
      .expect(200);
    expect(refreshed.body.refreshToken).not.toBe(login.refreshToken);
    await expectInactive(login.refreshToken);
    expect((await introspect(refreshed.body.refreshToken).expect(200)).body.active).toBe(true);

    await request(testApp.server)
      .post('/Auth/Logout')
      .set('Authorization', bearer(login.accessToken))
      .expect((response) => expect(response.status).toBeLessThan(300));
    await expectInactive(login.accessToken);
    await expectInactive(refreshed.body.refreshToken);
  });

  it('refuses callers that are not an API client: 401 invalid_client with WWW-Authenticate', async () => {
    const login = await loginLegacy(testApp, user.username);
    const attempts: Array<[string, string | null]> = [
      ['no credentials', null],
      ['a user’s bearer token', bearer(login.accessToken)],
      ['the user’s password in Basic', basicAuth(user.username, 'correct horse battery')],
      ['the right secret under another name', basicAuth('other', TEST_API_KEY)],
      ['a wrong secret', basicAuth('key1', 'wrong-secret-0123456789')],
      ['garbage', 'Basic %%%'],
    ];
    for (const [name, auth] of attempts) {
      for (const path of ['/oauth/introspect', '/oauth/revoke']) {
        const response = await post(path, `token=${login.accessToken}`, auth);
        expect({ name, path, status: response.status, body: response.body }).toEqual({
          name,
          path,
          status: 401,
          body: { error: 'invalid_client' },
        });
        expect(response.headers['www-authenticate']).toBe('Basic realm="oauth"');
      }
    }
    // Nothing was revoked by the refused revocations.
    await request(testApp.server)
      .get('/Auth/Session')
      .set('Authorization', bearer(login.accessToken))
      .expect(200);
  });

  it.each([
    ['an access token', 'access'],
    ['a refresh token', 'refresh'],
    ['a v2 session token', 'v2'],
  ])('revoking %s ends its session, audited', async (_name, kind) => {
    const login = await loginLegacy(testApp, user.username);
    const v2 = await createV2Session(testApp, user.username);
    const [token, sessionId, access] =
      kind === 'access'
        ? [login.accessToken, login.sessionId, login.accessToken]
        : kind === 'refresh'
          ? [login.refreshToken, login.sessionId, login.accessToken]
          : [v2.sessionToken, Number(v2.sessionId), v2.accessToken];
    const response = await revoke(token).expect(200);
    expect(response.text).toBe('');
    expect(response.headers['cache-control']).toBe('no-store');
    await expectInactive(token);
    await expectInactive(access);
    await request(testApp.server)
      .get('/Auth/Session')
      .set('Authorization', bearer(access))
      .expect(401);
    expect(await endedAudits(sessionId)).toEqual([{ details: { reason: 'oauth_revoke' } }]);
  });

  it('answers 200 to revoking an unknown, garbage or already revoked token, and changes nothing', async () => {
    const login = await loginLegacy(testApp, user.username);
    for (const token of ['not-a-token', 'A'.repeat(43), 'a.b.c']) {
      expect((await revoke(token).expect(200)).text).toBe('');
    }
    await request(testApp.server)
      .get('/Auth/Session')
      .set('Authorization', bearer(login.accessToken))
      .expect(200);
    await revoke(login.refreshToken).expect(200);
    await revoke(login.refreshToken).expect(200);
    expect(await endedAudits(login.sessionId)).toHaveLength(1);
  });

  it('ends a session exactly once when 12 revocations of its tokens race', async () => {
    const login = await loginLegacy(testApp, user.username);
    const tokens = [login.accessToken, login.refreshToken];
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => revoke(tokens[i % 2])),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(12).fill(200));
    expect(await endedAudits(login.sessionId)).toHaveLength(1);
    await expectInactive(login.accessToken);
  });

  it('answers hostile bodies 400/413 {"error":"invalid_request"} in JSON, never 500, and revokes nothing', async () => {
    const login = await loginLegacy(testApp, user.username);
    const refresh = encodeURIComponent(login.refreshToken);
    const cases: Array<[string, string | Buffer, string, number]> = [
      ['NUL in the token', `token=${refresh}%00`, FORM, 400],
      ['a raw NUL byte', Buffer.from(`token=${refresh}\0`), FORM, 400],
      ['a control character', `token=${refresh}%0A`, FORM, 400],
      ['a lone surrogate', `token=${refresh}%ED%A0%80`, FORM, 400],
      ['non-ASCII text', `token=${refresh}%C3%A9`, FORM, 400],
      [
        'invalid UTF-8 bytes',
        Buffer.concat([Buffer.from(`token=${refresh}`), Buffer.from([0xff])]),
        FORM,
        400,
      ],
      ['a broken escape', `token=${refresh}%ZZ`, FORM, 400],
      ['a 9000-character token', `token=${'A'.repeat(9000)}`, FORM, 400],
      ['a 100 KiB body', `token=${'A'.repeat(100 * 1024)}`, FORM, 413],
      ['another charset', `token=${refresh}`, `${FORM}; charset=iso-8859-1`, 400],
      ['UTF-16', Buffer.from(`token=${refresh}`, 'utf16le'), `${FORM}; charset=utf-16`, 400],
      ['a JSON body', JSON.stringify({ token: login.refreshToken }), 'application/json', 400],
      ['an XML body', `<token>${login.refreshToken}</token>`, 'application/xml', 400],
      ['no token', 'token_type_hint=refresh_token', FORM, 400],
      ['an empty token', 'token=', FORM, 400],
      ['two tokens', `token=${refresh}&token=x`, FORM, 400],
      ['two hints', `token=${refresh}&token_type_hint=a&token_type_hint=b`, FORM, 400],
      ['an empty body', '', FORM, 400],
    ];
    for (const path of ['/oauth/revoke', '/oauth/introspect']) {
      for (const [name, body, contentType, status] of cases) {
        const call = request(testApp.server)
          .post(path)
          .set('Authorization', CLIENT)
          .set('Accept', 'application/xml');
        if (contentType) call.set('Content-Type', contentType);
        const response = await call.send(body);
        expect({ path, name, status: response.status, body: response.text }).toEqual({
          path,
          name,
          status,
          body: '{"error":"invalid_request"}',
        });
        expect(response.headers['content-type']).toMatch(/^application\/json/);
      }
    }
    expect((await introspect(login.refreshToken).expect(200)).body.active).toBe(true);
    expect(await endedAudits(login.sessionId)).toEqual([]);
  });

  it('publishes an empty JWKS with HS256 (the default): the shared secret never leaves', async () => {
    const response = await request(testApp.server).get('/.well-known/jwks.json').expect(200);
    expect(response.body).toEqual({ keys: [] });
  });
});
