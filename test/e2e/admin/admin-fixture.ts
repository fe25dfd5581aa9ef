import request from 'supertest';
import { UserEntity } from '@/users/entities/user.entity';
import {
  basicAuth,
  createTestApp,
  createUserWithPassword,
  TEST_PASSWORD,
  TestApp,
} from '@test/support/test-app';

export const ADMIN_NS = 'http://schemas.datacontract.org/2004/07/SessionGateway.Admin';
export const XML_ROOT_ATTRS = `xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="${ADMIN_NS}"`;
export const DASHBOARD_ORIGIN = 'https://dashboard.example.test';

/** A logged-in user: the bearer header value and the session it belongs to. */
export interface LoggedIn {
  user: UserEntity;
  bearer: string;
  sessionId: number;
}

export function startAdminApp(): Promise<TestApp> {
  return createTestApp({ CORS_ORIGINS: DASHBOARD_ORIGIN });
}

/** Logs `user` in over HTTP (`POST /Auth/Login`, Basic), with an optional User-Agent. */
export async function login(
  testApp: TestApp,
  user: UserEntity,
  userAgent = 'admin-e2e',
): Promise<LoggedIn> {
  const res = await request(testApp.server)
    .post('/Auth/Login')
    .set('Authorization', basicAuth(user.username, TEST_PASSWORD))
    .set('Accept', 'application/json')
    .set('User-Agent', userAgent);
  if (res.status !== 200)
    throw new Error(`login of ${user.username} failed: ${res.status} ${res.text}`);
  const body = res.body as { userToken: string; sessionID: number };
  return { user, bearer: `Bearer ${body.userToken}`, sessionId: body.sessionID };
}

/** A new user with the given roles, logged in. */
export async function loggedInUser(
  testApp: TestApp,
  overrides: Parameters<typeof createUserWithPassword>[1] = {},
): Promise<LoggedIn> {
  return login(testApp, await createUserWithPassword(testApp, overrides));
}

/** `GET` with the caller's token, JSON unless told. */
export function adminGet(
  testApp: TestApp,
  caller: LoggedIn,
  path: string,
  accept = 'application/json',
) {
  return request(testApp.server)
    .get(path)
    .set('Authorization', caller.bearer)
    .set('Accept', accept);
}

/** `POST`/`PUT` a JSON body with the caller's token. */
export function adminSend(
  testApp: TestApp,
  caller: LoggedIn,
  method: 'post' | 'put',
  path: string,
  body?: unknown,
  accept = 'application/json',
) {
  const req = request(testApp.server)
    [method](path)
    .set('Authorization', caller.bearer)
    .set('Accept', accept);
  return body === undefined
    ? req
    : req.set('Content-Type', 'application/json').send(JSON.stringify(body));
}

/** `2020-09-21T10:42:50Z` for a Date (the admin `utc-seconds` style). */
export function utcSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
