import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import request from 'supertest';
import { UserEntity } from '@/users/entities/user.entity';
import { bearer, loginLegacy } from '@test/support/http';
import {
  basicAuth,
  createTestApp,
  createUserWithPassword,
  TestApp,
  TEST_API_KEY,
  TEST_PASSWORD,
} from '@test/support/test-app';
import { createV2Session } from '@test/e2e/v2/v2-helpers';
import { listeningPort } from '@test/support/hostile';

const CHROMIUM = '/usr/bin/chromium';
/** The browser check runs where Chromium is installed (CI images without it assert the headers only). */
const withChromium = existsSync(CHROMIUM) ? it : it.skip;

function expectNoStore(response: request.Response): void {
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.headers.pragma).toBe('no-cache');
}

/**
 * Issue 9 item 9: every answer that carries an access, refresh or session
 * token is never stored by a cache (RFC 6749 5.1); HTML pages carry helmet's
 * nosniff, frame protection and a Content-Security-Policy.
 */
describe('security headers', () => {
  let testApp: TestApp;
  let user: UserEntity;

  beforeAll(async () => {
    testApp = await createTestApp();
    user = await createUserWithPassword(testApp);
  });
  afterAll(() => testApp.close());

  describe('Cache-Control: no-store and Pragma: no-cache on every answer carrying a token', () => {
    it('POST /Auth/Login (Basic, JSON and XML answers)', async () => {
      for (const accept of ['application/json', 'application/xml']) {
        const response = await request(testApp.server)
          .post('/Auth/Login')
          .set('Authorization', basicAuth(user.username, TEST_PASSWORD))
          .set('Accept', accept)
          .expect(200);
        expectNoStore(response);
      }
    });

    it('POST /Auth/Login (credentials in the body)', async () => {
      const response = await request(testApp.server)
        .post('/Auth/Login')
        .send({ UserName: user.username, Password: TEST_PASSWORD })
        .expect(200);
      expect(response.body.userToken).toEqual(expect.any(String));
      expectNoStore(response);
    });

    it('GET /Auth/Session (it echoes the bearer token)', async () => {
      const login = await loginLegacy(testApp, user.username);
      const response = await request(testApp.server)
        .get('/Auth/Session')
        .set('Authorization', bearer(login.accessToken))
        .expect(200);
      expectNoStore(response);
    });

    it('POST /Auth/Refresh (header and body)', async () => {
      const login = await loginLegacy(testApp, user.username);
      const byHeader = await request(testApp.server)
        .post('/Auth/Refresh')
        .set('X-Refresh-Token', login.refreshToken)
        .set('Accept', 'application/json')
        .expect(200);
      expectNoStore(byHeader);
      const byBody = await request(testApp.server)
        .post('/Auth/Refresh')
        .send({ RefreshToken: byHeader.body.refreshToken })
        .expect(200);
      expectNoStore(byBody);
    });

    it('POST /api/Auth (UserLogged carries Token)', async () => {
      const response = await request(testApp.server)
        .post('/api/Auth?IP=203.0.113.9')
        .set('X-Api-Key', TEST_API_KEY)
        .set('Accept', 'application/xml')
        .send({
          id: randomUUID(),
          first_name: 'Lucía',
          last_name: 'García',
          email: `${randomUUID()}@example.test`,
          is_admin: false,
          birthdate: '1990-07-14T22:00:00Z',
          deleted: false,
          state_id: 1,
        })
        .expect(200);
      expect(response.text).toMatch(/<Token>[^<]+<\/Token>/);
      expectNoStore(response);
    });

    it('POST /v2/sessions and PATCH /v2/sessions/{id}', async () => {
      const created = await request(testApp.server)
        .post('/v2/sessions')
        .send({
          checks: { user: { loginName: user.username }, password: { password: TEST_PASSWORD } },
        })
        .expect(201);
      expectNoStore(created);
      const patched = await request(testApp.server)
        .patch(`/v2/sessions/${created.body.sessionId}`)
        .send({ sessionToken: created.body.sessionToken })
        .expect(200);
      expect(patched.body.sessionToken).toEqual(expect.any(String));
      expectNoStore(patched);
    });

    it('also on their refusals, which a shared cache must not keep either', async () => {
      const refused = await request(testApp.server)
        .post('/Auth/Login')
        .send({ UserName: user.username, Password: 'wrong password' })
        .expect(401);
      expectNoStore(refused);
      const session = await createV2Session(testApp, user.username);
      const badPatch = await request(testApp.server)
        .patch(`/v2/sessions/${session.sessionId}`)
        .send({ sessionToken: 'A'.repeat(43) });
      expect(badPatch.status).toBe(403);
      expectNoStore(badPatch);
    });
  });

  describe('HTML pages', () => {
    const pages = [
      '/Help',
      '/help',
      '/Help/ResourceModel?modelName=UserSessionDTO',
      '/docs',
      '/docs/',
    ];

    it.each(pages)('%s: nosniff, no framing, a Content-Security-Policy (helmet)', async (path) => {
      const response = await request(testApp.server).get(path).redirects(1);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      const csp = response.headers['content-security-policy'];
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    });

    it("Swagger UI's own scripts and styles are same-origin files the policy allows", async () => {
      const html = (await request(testApp.server).get('/docs').redirects(1)).text;
      // No inline script: 'self' covers every script the page loads.
      expect(html).not.toMatch(/<script>(?!\s*<\/script>)/);
      for (const src of html.matchAll(/<script src="([^"]+)"/g)) {
        const response = await request(testApp.server).get(
          new URL(src[1], 'http://gateway/docs').pathname,
        );
        expect(response.status).toBe(200);
        expect(response.headers['x-content-type-options']).toBe('nosniff');
      }
    });

    withChromium(
      'Swagger UI still renders under the policy in a real browser (its scripts ran and fetched /docs-json)',
      async () => {
        const port = await listeningPort(testApp.server);
        const { stdout } = await promisify(execFile)(
          CHROMIUM,
          [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--virtual-time-budget=5000',
            '--dump-dom',
            `http://127.0.0.1:${port}/docs`,
          ],
          { maxBuffer: 64 * 1024 * 1024, timeout: 90_000 },
        );
        expect(stdout).toContain('information-container');
        expect(stdout).toContain('opblock-tag');
      },
      120_000,
    );
  });
});
