import { Client } from 'pg';
import { RunningService, startService } from '@test/support/service-process';
import {
  createFreshDatabase,
  FreshDatabase,
  SERVICE_ADMIN,
  serviceCall,
  serviceEnv,
  serviceLogin,
  sessionStatus,
} from '@test/support/service-fixtures';
import { TEST_PASSWORD } from '@test/support/test-app';

const POLL_MS = 10;
const BOUND_MS = 1000;

/** Polls `GET /Auth/Session` on `baseUrl` until it answers 401; returns the delay in ms, or Infinity. */
async function refusalDelay(
  baseUrl: string,
  accessToken: string,
  since: number,
  limitMs = 3000,
): Promise<number> {
  for (;;) {
    const status = await sessionStatus(baseUrl, accessToken);
    const elapsed = performance.now() - since;
    if (status === 401) return elapsed;
    if (status !== 200) throw new Error(`unexpected ${status}`);
    if (elapsed > limitMs) return Infinity;
    await new Promise((done) => setTimeout(done, POLL_MS));
  }
}

const suite = process.env.DATABASE_URL ? describe : describe.skip;

/** SPEC 8: two instances on one PostgreSQL; an end on one is refused by the other within 1 s. */
suite('revocation across instances (PostgreSQL; skipped without DATABASE_URL)', () => {
  let database: FreshDatabase;
  let a: RunningService;
  let b: RunningService;
  let slowB: RunningService;
  let adminToken: string;
  const delays: Record<string, number> = {};

  beforeAll(async () => {
    database = await createFreshDatabase(process.env.DATABASE_URL!, 'sg_cluster');
    // A migrates first; the others then find the schema in place.
    a = await startService(serviceEnv({ DATABASE_URL: database.url }), 60_000);
    [b, slowB] = await Promise.all([
      startService(serviceEnv({ DATABASE_URL: database.url }), 60_000),
      startService(
        serviceEnv({ DATABASE_URL: database.url, SESSION_CACHE_TTL_MS: '60000' }),
        60_000,
      ),
    ]);
    adminToken = (await serviceLogin(a.baseUrl, SERVICE_ADMIN.username, SERVICE_ADMIN.password))
      .accessToken;
    const created = await serviceCall(a.baseUrl, 'POST', '/api/admin/v1/users', adminToken, {
      UserName: 'cluster-user',
      Password: TEST_PASSWORD,
    });
    expect(created.status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    console.log(`cross-instance refusal delays (ms): ${JSON.stringify(delays)}`);
    await Promise.all([a, b, slowB].filter(Boolean).map((service) => service.stop('SIGTERM')));
    await database?.drop();
  });

  it('logout on A: B (1 s cache) refuses the token within 1 s', async () => {
    const login = await serviceLogin(a.baseUrl, 'cluster-user');
    expect(await sessionStatus(b.baseUrl, login.accessToken)).toBe(200);
    const logout = await serviceCall(a.baseUrl, 'POST', '/Auth/Logout', login.accessToken);
    expect(logout.status).toBe(200);
    const delay = await refusalDelay(b.baseUrl, login.accessToken, performance.now());
    delays['logout A → B'] = Math.round(delay);
    expect(delay).toBeLessThan(BOUND_MS);
  });

  it('admin revoke on A: B (1 s cache) refuses within 1 s', async () => {
    const login = await serviceLogin(b.baseUrl, 'cluster-user');
    expect(await sessionStatus(b.baseUrl, login.accessToken)).toBe(200);
    const revoked = await serviceCall(
      a.baseUrl,
      'POST',
      '/api/admin/v1/authenticated-sessions/revoke',
      adminToken,
      {
        Session: login.sessionId,
      },
    );
    expect(revoked.status).toBe(200);
    const delay = await refusalDelay(b.baseUrl, login.accessToken, performance.now());
    delays['admin revoke A → B'] = Math.round(delay);
    expect(delay).toBeLessThan(BOUND_MS);
  });

  it('with SESSION_CACHE_TTL_MS=60000 on B, only LISTEN/NOTIFY can explain a fast refusal', async () => {
    const login = await serviceLogin(a.baseUrl, 'cluster-user');
    expect(await sessionStatus(slowB.baseUrl, login.accessToken)).toBe(200);

    // Control: a change that sends no notification stays invisible to B for the TTL,
    // which proves B answers from its 60 s cache.
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(
        `UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [login.sessionId],
      );
      expect(await sessionStatus(a.baseUrl, login.accessToken)).toBe(401);
      expect(await sessionStatus(slowB.baseUrl, login.accessToken)).toBe(200);
      await client.query(
        `UPDATE sessions SET expires_at = now() + interval '10 minutes' WHERE id = $1`,
        [login.sessionId],
      );
    } finally {
      await client.end();
    }

    const revoked = await serviceCall(
      a.baseUrl,
      'POST',
      '/api/admin/v1/authenticated-sessions/revoke',
      adminToken,
      {
        Session: login.sessionId,
      },
    );
    expect(revoked.status).toBe(200);
    const delay = await refusalDelay(slowB.baseUrl, login.accessToken, performance.now());
    delays['admin revoke A → B(60 s cache)'] = Math.round(delay);
    expect(delay).toBeLessThan(BOUND_MS);
  });

  it('revoke-user on A ends every session of the user on B(60 s cache) too', async () => {
    const logins = await Promise.all([1, 2, 3].map(() => serviceLogin(a.baseUrl, 'cluster-user')));
    for (const login of logins)
      expect(await sessionStatus(slowB.baseUrl, login.accessToken)).toBe(200);
    const users = await serviceCall(
      a.baseUrl,
      'GET',
      '/api/admin/v1/users?search=cluster-user',
      adminToken,
    );
    const guid = (users.body as { Items: Array<{ UserGuid: string }> }).Items[0].UserGuid;
    const revoked = await serviceCall(
      a.baseUrl,
      'POST',
      '/api/admin/v1/authenticated-sessions/revoke-user',
      adminToken,
      {
        UserGuid: guid,
      },
    );
    expect(revoked.status).toBe(200);
    const since = performance.now();
    const each = [];
    for (const login of logins)
      each.push(await refusalDelay(slowB.baseUrl, login.accessToken, since));
    delays['revoke-user A → B(60 s cache), slowest of 3'] = Math.round(Math.max(...each));
    expect(Math.max(...each)).toBeLessThan(BOUND_MS);
  });
});
