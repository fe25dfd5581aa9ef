import request from 'supertest';
import { basicAuth, createTestApp, TestApp } from '@test/support/test-app';

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const LIMIT = 6;
const ATTACKER = '203.0.113.7';
const NEIGHBOUR = '198.51.100.9';

/**
 * SPEC 5 / issue 9 item 8: one per-IP budget for every route that checks a
 * password, so alternating `/Auth/Login` and `/v2/sessions` buys no more guesses.
 * The test app trusts loopback as a proxy, so X-Forwarded-For names the caller.
 */
describe(`one password budget per client IP across routes (${backend})`, () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({
      LOGIN_RATE_LIMIT: String(LIMIT),
      LOGIN_RATE_WINDOW_SECONDS: '60',
      TRUSTED_PROXIES: '127.0.0.1,::1,::ffff:127.0.0.1',
    });
  });
  afterAll(() => testApp.close());

  const from = (ip: string) => ({
    basicLogin: () =>
      request(testApp.server)
        .post('/Auth/Login')
        .set('X-Forwarded-For', ip)
        .set('Accept', 'application/json')
        .set('Authorization', basicAuth('nobody-here', 'guess number one')),
    bodyLogin: () =>
      request(testApp.server)
        .post('/Auth/Login')
        .set('X-Forwarded-For', ip)
        .set('Accept', 'application/json')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ UserName: 'nobody-here', Password: 'guess number two' })),
    v2Create: () =>
      request(testApp.server)
        .post('/v2/sessions')
        .set('X-Forwarded-For', ip)
        .send({
          checks: { user: { loginName: 'nobody-here' }, password: { password: 'guess three' } },
        }),
    v2Patch: () =>
      request(testApp.server)
        .patch('/v2/sessions/1')
        .set('X-Forwarded-For', ip)
        .send({ sessionToken: 'x'.repeat(43), checks: { password: { password: 'guess four' } } }),
  });

  it('alternating login routes from one IP hits 429 after the shared limit; another IP is unaffected', async () => {
    const attacker = from(ATTACKER);
    const rotation = [attacker.basicLogin, attacker.v2Create, attacker.bodyLogin, attacker.v2Patch];
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) statuses.push((await rotation[i % rotation.length]()).status);
    expect(statuses).not.toContain(429);

    const legacy = await attacker.basicLogin();
    expect(legacy.status).toBe(429);
    expect(legacy.body).toEqual({ Message: 'ThrottlerException: Too Many Requests' });
    const v2 = await attacker.v2Create();
    expect(v2.status).toBe(429);
    expect(v2.body).toMatchObject({ code: 8, details: [{ id: 'TooManyRequests' }] });
    expect((await attacker.v2Patch()).status).toBe(429);
    expect((await attacker.bodyLogin()).status).toBe(429);

    const neighbour = from(NEIGHBOUR);
    expect((await neighbour.basicLogin()).status).toBe(401);
    expect((await neighbour.v2Create()).status).toBe(401);
    console.log(
      `${backend}: from one IP, ${LIMIT} guesses over /Auth/Login (Basic, body), POST and PATCH /v2/sessions, ` +
        `then 429 on every one of them; another IP still answered 401`,
    );
  });

  it('token routes keep their own budget: refreshing is not a password guess', async () => {
    const attacker = from(ATTACKER);
    expect((await attacker.basicLogin()).status).toBe(429);
    const refresh = await request(testApp.server)
      .post('/Auth/Refresh')
      .set('X-Forwarded-For', ATTACKER)
      .set('X-Refresh-Token', 'not-a-token');
    expect(refresh.status).toBe(401);
  });
});
