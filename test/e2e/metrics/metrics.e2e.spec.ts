import request from 'supertest';
import { MetricsListener } from '@/platform/metrics/metrics-listener';
import { UserEntity } from '@/users/entities/user.entity';
import { bearer, loginLegacy } from '@test/support/http';
import { basicAuth, createTestApp, createUserWithPassword, TestApp } from '@test/support/test-app';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
const SCRAPER = bearer(METRICS_TOKEN);

function sample(text: string, metric: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`) && !line.startsWith(`${metric} `)) continue;
    if (wanted.every((label) => line.includes(label))) return Number(line.split(' ').pop());
  }
  return Number.NaN;
}

/**
 * The samples that could tell accounts apart: every one but the process'
 * own gauges (CPU, memory, GC, event loop: they move with time, not with
 * accounts) and latency histograms' buckets and sums (timing).
 */
function accountSensitiveSamples(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    if (/^session_gateway_(process_|nodejs_|db_pool_)/.test(line)) continue;
    if (/^session_gateway_http_request_duration_seconds_(bucket|sum)/.test(line)) continue;
    const space = line.lastIndexOf(' ');
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

function difference(
  after: Map<string, number>,
  before: Map<string, number>,
): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [key, value] of after) {
    const moved = value - (before.get(key) ?? 0);
    if (moved !== 0) delta[key] = moved;
  }
  return delta;
}

describe('GET /metrics with METRICS_TOKEN (Prometheus)', () => {
  let testApp: TestApp;
  let user: UserEntity;

  beforeAll(async () => {
    testApp = await createTestApp({ LOCKOUT_THRESHOLD: '2', METRICS_TOKEN });
    user = await createUserWithPassword(testApp);
  });
  afterAll(() => testApp.close());

  const scrape = async () =>
    (await request(testApp.server).get('/metrics').set('Authorization', SCRAPER).expect(200)).text;

  it('refuses a caller without the token, or with another one (401, nothing exposed)', async () => {
    const anonymous = await request(testApp.server).get('/metrics').expect(401);
    expect(anonymous.text).not.toMatch(/http_requests_total/);
    await request(testApp.server).get('/metrics').set('Authorization', bearer('x')).expect(401);
    await request(testApp.server)
      .get('/metrics')
      .set('Authorization', bearer(`${METRICS_TOKEN}x`))
      .expect(401);
    await request(testApp.server)
      .get('/metrics')
      .set('Authorization', `Basic ${Buffer.from(`a:${METRICS_TOKEN}`).toString('base64')}`)
      .expect(401);
    // A user's own access token is not a scraper's token.
    const login = await loginLegacy(testApp, user.username);
    await request(testApp.server)
      .get('/metrics')
      .set('Authorization', bearer(login.accessToken))
      .expect(401);
  });

  it('counts requests by route, status and negotiated media type, logins, failures and sessions', async () => {
    const before = await scrape();
    const login = await loginLegacy(testApp, user.username);
    await request(testApp.server)
      .get('/Auth/Session')
      .set('Authorization', bearer(login.accessToken))
      .set('Accept', 'application/xml')
      .expect(200);
    const victim = await createUserWithPassword(testApp);
    for (let i = 0; i < 2; i++) {
      await request(testApp.server)
        .post('/Auth/Login')
        .set('Authorization', basicAuth(victim.username, 'bad password'))
        .expect(401);
    }

    const response = await request(testApp.server)
      .get('/metrics')
      .set('Authorization', SCRAPER)
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; .*version=0\.0\.4/);
    const text = response.text;
    const moved = (metric: string, labels: Record<string, string>) =>
      sample(text, metric, labels) - (sample(before, metric, labels) || 0);
    expect(
      moved('session_gateway_http_requests_total', {
        method: 'GET',
        route: '/Auth/Session',
        status: '200',
        media_type: 'application/xml',
      }),
    ).toBe(1);
    expect(
      moved('session_gateway_http_requests_total', { route: '/Auth/Login', status: '401' }),
    ).toBe(2);
    expect(
      moved('session_gateway_http_request_duration_seconds_count', { route: '/Auth/Session' }),
    ).toBe(1);
    expect(moved('session_gateway_logins_total', { outcome: 'succeeded', channel: 'legacy' })).toBe(
      1,
    );
    expect(moved('session_gateway_logins_total', { outcome: 'failed', channel: 'legacy' })).toBe(2);
    expect(sample(text, 'session_gateway_sessions_active')).toBe(2);
    expect(
      sample(text, 'session_gateway_db_pool_connections', { state: 'total' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('names every metric with the application prefix', async () => {
    const names = (await scrape())
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => line.split(/[{ ]/, 1)[0]);
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((name) => !name.startsWith('session_gateway_'))).toEqual([]);
  });

  it('does not tell the Node.js version', async () => {
    const text = await scrape();
    expect(text).not.toMatch(/nodejs_version_info/);
    expect(text).not.toContain(process.version);
  });

  it('failed logins move the same samples by the same amounts for a real and an unknown account', async () => {
    const real = await createUserWithPassword(testApp);
    const failLogins = async (username: string) => {
      // Past the lockout threshold (2): the real account gets locked.
      for (let i = 0; i < 4; i++) {
        await request(testApp.server)
          .post('/Auth/Login')
          .set('Authorization', basicAuth(username, 'bad password'))
          .expect(401);
      }
    };
    const start = accountSensitiveSamples(await scrape());
    await failLogins(real.username);
    const afterReal = accountSensitiveSamples(await scrape());
    await failLogins(`nobody-${real.username}`);
    const afterUnknown = accountSensitiveSamples(await scrape());

    const realDelta = difference(afterReal, start);
    expect(realDelta).toEqual(difference(afterUnknown, afterReal));
    expect(realDelta['session_gateway_logins_total{outcome="failed",channel="legacy"}']).toBe(4);
  });
});

describe('/metrics without METRICS_TOKEN or METRICS_PORT', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('is not served at all: the 404 of any unknown path', async () => {
    const metrics = await request(testApp.server).get('/metrics').set('Accept', 'application/json');
    const unknown = await request(testApp.server).get('/nothing').set('Accept', 'application/json');
    expect(metrics.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(metrics.body.Message).toMatch(
      /^No HTTP resource was found that matches the request URI 'http:\/\/127\.0\.0\.1:\d+\/metrics'\.$/,
    );
    await request(testApp.server).get('/metrics').set('Authorization', SCRAPER).expect(404);
  });
});

describe('/metrics on a separate METRICS_PORT listener', () => {
  let testApp: TestApp;
  let base: string;

  beforeAll(async () => {
    testApp = await createTestApp({ METRICS_PORT: '0' });
    const address = testApp.app.get(MetricsListener).address();
    base = `http://${address!.address}:${address!.port}`;
  });
  afterAll(() => testApp.close());

  it('listens on 127.0.0.1 by default and serves /metrics there without a token', async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; .*version=0\.0\.4/);
    expect(await response.text()).toMatch(/^# HELP /m);
  });

  it('serves nothing else there, and nothing of it on the main port', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
    await request(testApp.server).get('/metrics').expect(404);
  });
});

describe('/metrics on METRICS_PORT with METRICS_TOKEN', () => {
  let testApp: TestApp;
  let base: string;

  beforeAll(async () => {
    testApp = await createTestApp({ METRICS_PORT: '0', METRICS_TOKEN });
    const address = testApp.app.get(MetricsListener).address();
    base = `http://127.0.0.1:${address!.port}`;
  });
  afterAll(() => testApp.close());

  it('asks for the token there too', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { Authorization: SCRAPER } })).status).toBe(
      200,
    );
  });
});
