import request from 'supertest';
import { TEST_WEBHOOK_SECRET } from '@test/support/webhook-receiver';
import { PasswordHasher } from '@/users/passwords/password-hasher';
import { UserEntity } from '@/users/entities/user.entity';
import {
  createTestApp,
  createUserWithPassword,
  TEST_API_KEY,
  TEST_PASSWORD,
  TestApp,
} from '@test/support/test-app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The text media types whose examples a caller would paste. */
const PASTED_TYPES = ['application/json', 'text/json', 'application/xml', 'text/xml'];

/** Values for required query parameters, by name (a new one fails the test until it is listed). */
const QUERY_VALUES: Record<string, string> = { IP: '203.0.113.7' };

describe('request examples in /docs-json work when pasted', () => {
  let testApp: TestApp;
  let document: Json;
  let target: UserEntity;
  let adminToken: string;
  let targetSessionId: string;
  /** The v2 create example: the administrator the quickstart would create logs in with it. */
  let createExample: Json;

  beforeAll(async () => {
    // Webhooks configured, so the webhook example is answered as documented (not 503).
    testApp = await createTestApp({ WEBHOOK_SECRET: TEST_WEBHOOK_SECRET });
    document = (await request(testApp.server).get('/docs-json').expect(200)).body as Json;
    createExample = document.paths['/v2/sessions'].post.requestBody.content['application/json']
      .example as Json;
    // Created first: the administrator is not user 1, whom the legacy kill-session sample names.
    target = await createUserWithPassword(testApp);
    await createUserWithPassword(testApp, {
      username: createExample.checks.user.loginName,
      roles: ['admin'],
      passwordHash: await new PasswordHasher().hash(createExample.checks.password.password),
    });
    // Session 1 (the admin revoke example names it) is the target's, not the administrator's.
    const targetSession = await request(testApp.server)
      .post('/v2/sessions')
      .send({
        checks: { user: { loginName: target.username }, password: { password: TEST_PASSWORD } },
      })
      .expect(201);
    targetSessionId = targetSession.body.sessionId;
    // The v2 create example, pasted as is, logs the administrator in.
    const created = await request(testApp.server)
      .post('/v2/sessions')
      .send(createExample)
      .expect(201);
    adminToken = created.body.accessToken;
  });
  afterAll(() => testApp.close());

  function urlOf(path: string, operation: Json): string {
    const url = path
      .replace('{id}', encodeURIComponent(targetSessionId))
      .replace('{guid}', encodeURIComponent(target.guid))
      // A role no one in this file logs in with, so its example limit changes no later login.
      .replace('{role}', 'session-auditor');
    if (/\{\w+\}/.test(url)) throw new Error(`no value for a path parameter of ${path}`);
    const query = ((operation.parameters ?? []) as Json[])
      .filter((parameter) => parameter.in === 'query' && parameter.required)
      .map((parameter) => {
        const value = QUERY_VALUES[parameter.name as string];
        if (value === undefined) throw new Error(`no value for query parameter ${parameter.name}`);
        return `${parameter.name}=${encodeURIComponent(value)}`;
      });
    return query.length > 0 ? `${url}?${query.join('&')}` : url;
  }

  function credentialsOf(operation: Json): Record<string, string> {
    const schemes = ((operation.security ?? []) as Json[]).flatMap((r) => Object.keys(r));
    if (schemes.includes('bearer')) return { Authorization: `Bearer ${adminToken}` };
    if (schemes.includes('X-Api-Key')) return { 'X-Api-Key': TEST_API_KEY };
    return {};
  }

  it('answers no 400 (and no 5xx) to any request body example, in JSON and XML', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const [path, item] of Object.entries(document.paths as Json)) {
      for (const [method, operation] of Object.entries(item as Json)) {
        const content = (operation as Json).requestBody?.content as Json | undefined;
        if (!content) continue;
        // The RFC 7662/7009 routes take forms only (test/e2e/oauth covers them).
        if (PASTED_TYPES.every((type) => !(type in content))) continue;
        for (const type of PASTED_TYPES) {
          const example = content[type]?.example as unknown;
          if (example === undefined) {
            failures.push(`${method.toUpperCase()} ${path} ${type}: no example`);
            continue;
          }
          const response = await request(testApp.server)
            [method as 'post'](urlOf(path, operation as Json))
            .set(credentialsOf(operation as Json))
            .set('Content-Type', type)
            .set('Accept', 'application/json')
            .send(typeof example === 'string' ? example : JSON.stringify(example));
          sent++;
          if (response.status === 400 || response.status >= 500)
            failures.push(
              `${method.toUpperCase()} ${path} ${type}: ${response.status} ${response.text}`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
    // Every v2, admin and legacy body route (13 today), in four media types.
    expect(sent).toBeGreaterThanOrEqual(4 * 13);
    // The examples ran as the administrator: no example ended that session.
    await request(testApp.server)
      .get('/api/admin/v1/users')
      .set('Authorization', `Bearer ${adminToken}`)
      .expect(200);
  });

  it('logs in with the v2 create example in XML too', async () => {
    const example = document.paths['/v2/sessions'].post.requestBody.content['application/xml']
      .example as string;
    expect(example).toContain(`<loginName>${createExample.checks.user.loginName}</loginName>`);
    await request(testApp.server)
      .post('/v2/sessions')
      .set('Content-Type', 'application/xml')
      .send(example)
      .expect(201);
  });

  it('creates a user with the admin create example', async () => {
    const example = document.paths['/api/admin/v1/users'].post.requestBody.content['text/json']
      .example as Json;
    const response = await request(testApp.server)
      .post('/api/admin/v1/users')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ ...example, UserName: 'example-copy' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ UserName: 'example-copy', Roles: example.Roles });
  });
});
