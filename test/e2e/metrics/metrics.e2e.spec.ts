import request from 'supertest';
import { UserEntity } from '@/users/entities/user.entity';
import { bearer, loginLegacy } from '@test/support/http';
import { basicAuth, createTestApp, createUserWithPassword, TestApp } from '@test/support/test-app';

function sample(text: string, metric: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`) && !line.startsWith(`${metric} `)) continue;
    if (wanted.every((label) => line.includes(label))) return Number(line.split(' ').pop());
  }
  return Number.NaN;
}

describe('GET /metrics (Prometheus)', () => {
  let testApp: TestApp;
  let user: UserEntity;

  beforeAll(async () => {
    testApp = await createTestApp({ LOCKOUT_THRESHOLD: '2' });
    user = await createUserWithPassword(testApp);
  });
  afterAll(() => testApp.close());

  it('counts requests by route, status and negotiated media type, logins, failures, lockouts and sessions', async () => {
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

    const response = await request(testApp.server).get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; .*version=0\.0\.4/);
    const text = response.text;
    expect(
      sample(text, 'http_requests_total', {
        method: 'GET',
        route: '/Auth/Session',
        status: '200',
        media_type: 'application/xml',
      }),
    ).toBe(1);
    expect(sample(text, 'http_requests_total', { route: '/Auth/Login', status: '401' })).toBe(2);
    expect(sample(text, 'http_request_duration_seconds_count', { route: '/Auth/Session' })).toBe(1);
    expect(sample(text, 'logins_total', { outcome: 'succeeded', channel: 'legacy' })).toBe(1);
    expect(sample(text, 'logins_total', { outcome: 'failed', channel: 'legacy' })).toBe(2);
    expect(sample(text, 'account_lockouts_total')).toBe(1);
    expect(sample(text, 'sessions_active')).toBe(1);
    expect(sample(text, 'db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
  });
});
