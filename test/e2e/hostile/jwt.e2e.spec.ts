import { createHmac, createSign, randomBytes } from 'node:crypto';
import {
  ErrorFamily,
  expectRefusedUnchanged,
  rawRequest,
  rsaKeyPair,
  sendHostile,
} from '@test/support/hostile';
import { createHostileWorld, HostileWorld } from './hostile-routes';

type Claims = Record<string, unknown>;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs by hand, so no library refuses to build the forgery for us. */
function forge(header: Claims, claims: Claims, sign: (input: string) => string): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${sign(input)}`;
}
const hmac = (alg: 'sha256' | 'sha384' | 'sha512', key: string | Buffer) => (input: string) =>
  createHmac(alg, key).update(input).digest('base64url');
const rs256 = (privateKey: string) => (input: string) =>
  createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url');

interface Attack {
  name: string;
  token(world: HostileWorld, claims: Claims, secret: string): string;
}

const now = () => Math.floor(Date.now() / 1000);
const HS256 = { alg: 'HS256', typ: 'JWT' };

/** Every forgery targets the admin's live session: only the attack itself can explain a refusal. */
const ATTACKS: Attack[] = [
  { name: 'alg none', token: (_w, c) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(c)}.` },
  { name: 'alg None', token: (_w, c) => `${b64({ alg: 'None', typ: 'JWT' })}.${b64(c)}.` },
  {
    name: 'alg none with the real signature kept',
    token: (_w, c, s) => {
      const signature = forge(HS256, c, hmac('sha256', s)).split('.')[2];
      return `${b64({ alg: 'none' })}.${b64(c)}.${signature}`;
    },
  },
  {
    name: 'HS/RS confusion: HS256 keyed with a public key',
    token: (_w, c) => forge(HS256, c, hmac('sha256', rsaKeyPair().publicKey)),
  },
  {
    name: 'RS256 with a generated key',
    token: (_w, c) => forge({ alg: 'RS256', typ: 'JWT' }, c, rs256(rsaKeyPair().privateKey)),
  },
  {
    name: 'RS256 header over an HS256 signature with the real secret',
    token: (_w, c, s) => forge({ alg: 'RS256', typ: 'JWT' }, c, hmac('sha256', s)),
  },
  {
    name: 'HS512 with the real secret',
    token: (_w, c, s) => forge({ alg: 'HS512' }, c, hmac('sha512', s)),
  },
  { name: 'a wrong key', token: (_w, c) => forge(HS256, c, hmac('sha256', randomBytes(32))) },
  { name: 'an empty key', token: (_w, c) => forge(HS256, c, hmac('sha256', '')) },
  {
    name: 'no exp',
    token: (_w, c, s) => {
      const { exp: _exp, ...rest } = c;
      return forge(HS256, rest, hmac('sha256', s));
    },
  },
  {
    name: 'a string exp',
    token: (_w, c, s) => forge(HS256, { ...c, exp: String(now() + 600) }, hmac('sha256', s)),
  },
  {
    name: 'an expired exp',
    token: (_w, c, s) =>
      forge(HS256, { ...c, iat: now() - 3600, exp: now() - 60 }, hmac('sha256', s)),
  },
  {
    name: 'nbf in the future',
    token: (_w, c, s) => forge(HS256, { ...c, nbf: now() + 3600 }, hmac('sha256', s)),
  },
  {
    name: 'kid path traversal (key = empty file)',
    token: (_w, c) => forge({ ...HS256, kid: '../../../../../../dev/null' }, c, hmac('sha256', '')),
  },
  {
    name: 'kid SQL injection',
    token: (_w, c) =>
      forge(
        { ...HS256, kid: "x' UNION SELECT 'attacker-key' --" },
        c,
        hmac('sha256', 'attacker-key'),
      ),
  },
  {
    name: 'jku/x5u pointing at an attacker key set',
    token: (_w, c) =>
      forge(
        { alg: 'RS256', jku: 'http://127.0.0.1:9/jwks.json', x5u: 'http://127.0.0.1:9/x.pem' },
        c,
        rs256(rsaKeyPair().privateKey),
      ),
  },
  {
    name: 'an embedded jwk',
    token: (_w, c) =>
      forge(
        { alg: 'RS256', jwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } },
        c,
        rs256(rsaKeyPair().privateKey),
      ),
  },
  {
    name: 'a foreign audience',
    token: (_w, c, s) => forge(HS256, { ...c, aud: 'someone-else' }, hmac('sha256', s)),
  },
  {
    name: 'a foreign issuer',
    token: (_w, c, s) => forge(HS256, { ...c, iss: 'https://evil.example' }, hmac('sha256', s)),
  },
  {
    name: 'another user’s sub on this session',
    token: (w, c, s) => forge(HS256, { ...c, sub: w.victim.guid }, hmac('sha256', s)),
  },
  {
    name: 'a string sid',
    token: (_w, c, s) => forge(HS256, { ...c, sid: `${String(c.sid)} OR 1=1` }, hmac('sha256', s)),
  },
  {
    name: 'a tampered payload under the original signature',
    token: (w, c, s) => {
      const signature = forge(HS256, c, hmac('sha256', s)).split('.')[2];
      return `${b64(HS256)}.${b64({ ...c, sid: w.victimSessionId, sub: w.victim.guid })}.${signature}`;
    },
  },
  { name: 'the refresh token as bearer', token: (w) => w.adminRefreshToken },
  { name: 'a v2 sessionToken as bearer', token: (w) => w.victimV2.sessionToken },
  { name: 'garbage', token: () => 'not.a.jwt' },
  { name: 'an empty bearer', token: () => '' },
  // Past Node's 16 KiB header limit the HTTP parser answers 431 before any code runs.
  { name: 'an 8 KiB token', token: () => `${'A'.repeat(4096)}.${'B'.repeat(4096)}.C` },
];

interface TokenRoute {
  name: string;
  method: string;
  path(world: HostileWorld): string;
  family: ErrorFamily;
  body?(world: HostileWorld): string;
}

/** Every route that takes a bearer token; writes point at the victim, so a slip would show. */
const TOKEN_ROUTES: TokenRoute[] = [
  { name: 'GET /Auth/Session', method: 'GET', path: () => '/Auth/Session', family: 'legacy' },
  { name: 'POST /Auth/Logout', method: 'POST', path: () => '/Auth/Logout', family: 'legacy' },
  {
    name: 'POST /api/kill-session',
    method: 'POST',
    path: () => '/api/kill-session',
    family: 'legacy',
    body: (w) => JSON.stringify({ Id: w.victim.id }),
  },
  {
    name: 'GET admin list',
    method: 'GET',
    path: () => '/api/admin/v1/authenticated-sessions/list',
    family: 'admin',
  },
  {
    name: 'POST admin revoke',
    method: 'POST',
    path: () => '/api/admin/v1/authenticated-sessions/revoke',
    family: 'admin',
    body: (w) => JSON.stringify({ Session: w.victimSessionId }),
  },
  {
    name: 'POST admin revoke-user',
    method: 'POST',
    path: () => '/api/admin/v1/authenticated-sessions/revoke-user',
    family: 'admin',
    body: (w) => JSON.stringify({ UserGuid: w.victim.guid }),
  },
  {
    name: 'POST admin users/{guid}/block',
    method: 'POST',
    path: (w) => `/api/admin/v1/users/${w.victim.guid}/block`,
    family: 'admin',
  },
  {
    name: 'POST admin users',
    method: 'POST',
    path: () => '/api/admin/v1/users',
    family: 'admin',
    body: () => JSON.stringify({ UserName: 'intruder', Password: 'correct horse battery' }),
  },
  {
    name: 'GET /v2/sessions/{id}',
    method: 'GET',
    path: (w) => `/v2/sessions/${w.victimV2.sessionId}`,
    family: 'v2',
  },
  {
    name: 'POST /v2/sessions/search',
    method: 'POST',
    path: () => '/v2/sessions/search',
    family: 'v2',
    body: () => '{}',
  },
  {
    name: 'DELETE /v2/sessions/{id}',
    method: 'DELETE',
    path: (w) => `/v2/sessions/${w.victimV2.sessionId}`,
    family: 'v2',
  },
];

describe('JWT attacks on every route that takes a bearer token', () => {
  let world: HostileWorld;
  let claims: Claims;
  const timings: number[] = [];

  beforeAll(async () => {
    world = await createHostileWorld();
    const genuine = world.adminBearer.replace(/^Bearer /, '');
    claims = JSON.parse(Buffer.from(genuine.split('.')[1], 'base64url').toString('utf8'));
  });
  afterAll(async () => {
    timings.sort((a, b) => a - b);
    console.log(
      `JWT attacks: ${timings.length} refusals, median ${timings[timings.length >> 1]?.toFixed(1)} ms, ` +
        `max ${timings[timings.length - 1]?.toFixed(1)} ms`,
    );
    await world.testApp.close();
  });

  it('control: the genuine token (same claims, real secret) is accepted', async () => {
    const secret = world.testApp.config.jwt.secret;
    const token = forge(HS256, claims, hmac('sha256', secret));
    const res = await rawRequest(world.testApp.server, {
      method: 'GET',
      path: '/Auth/Session',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
  });

  const table = TOKEN_ROUTES.flatMap((route) =>
    ATTACKS.map((attack) => ({
      route: route.name,
      attack: attack.name,
      routeDef: route,
      attackDef: attack,
    })),
  );

  it.each(table)('$route refuses $attack (401)', async ({ routeDef, attackDef }) => {
    const token = attackDef.token(world, claims, world.testApp.config.jwt.secret);
    const body = routeDef.body?.(world);
    const outcome = await sendHostile(world.testApp, {
      method: routeDef.method,
      path: routeDef.path(world),
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body,
    });
    timings.push(outcome.response.elapsedMs);
    expectRefusedUnchanged(
      outcome,
      routeDef.family,
      401,
      routeDef.family === 'legacy' ? undefined : 'Unauthenticated',
    );
  });

  it('the admin and victim sessions survived every attack', async () => {
    for (const path of ['/Auth/Session', '/api/admin/v1/authenticated-sessions/list']) {
      const res = await rawRequest(world.testApp.server, {
        method: 'GET',
        path,
        headers: { Authorization: world.adminBearer },
      });
      expect(res.status).toBe(200);
    }
    const [{ active }] = await world.testApp.database.dataSource.query(
      `SELECT count(*)::int AS active FROM sessions WHERE revoked_at IS NULL`,
    );
    expect(active).toBe(3);
  });
});
