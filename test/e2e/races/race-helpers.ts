import request from 'supertest';
import { bearer, LegacyLogin } from '@test/support/http';
import { basicAuth, TestApp, TEST_PASSWORD } from '@test/support/test-app';

/** Access token accepted by `GET /Auth/Session`? */
export async function accessWorks(testApp: TestApp, accessToken: string): Promise<boolean> {
  const res = await request(testApp.server)
    .get('/Auth/Session')
    .set('Authorization', bearer(accessToken));
  if (res.status !== 200 && res.status !== 401) throw new Error(`unexpected ${res.status}`);
  return res.status === 200;
}

/** Refresh token accepted by `POST /Auth/Refresh`? (Consumes it when it is.) */
export async function refreshWorks(testApp: TestApp, refreshToken: string): Promise<boolean> {
  const res = await request(testApp.server)
    .post('/Auth/Refresh')
    .set('X-Refresh-Token', refreshToken);
  if (res.status !== 200 && res.status !== 401) throw new Error(`unexpected ${res.status}`);
  return res.status === 200;
}

export function loginRequest(testApp: TestApp, username: string) {
  return request(testApp.server)
    .post('/Auth/Login')
    .set('Authorization', basicAuth(username, TEST_PASSWORD))
    .set('Accept', 'application/json');
}

export function refreshRequest(testApp: TestApp, refreshToken: string) {
  return request(testApp.server)
    .post('/Auth/Refresh')
    .set('X-Refresh-Token', refreshToken)
    .set('Accept', 'application/json');
}

/** The tokens in a 200 `UserSessionDTO` answer. */
export function tokensOf(body: Record<string, unknown>): LegacyLogin {
  return {
    sessionId: body.sessionID as number,
    userId: body.userID as number,
    accessToken: body.userToken as string,
    refreshToken: body.refreshToken as string,
  };
}

export async function revokedState(
  testApp: TestApp,
  sessionIds: number[],
): Promise<Map<number, { revoked: boolean; reason: string | null }>> {
  const rows: Array<{ id: number; revoked: boolean; reason: string | null }> =
    await testApp.database.dataSource.query(
      `SELECT id, revoked_at IS NOT NULL AS revoked, revoke_reason AS reason FROM sessions WHERE id = ANY($1)`,
      [sessionIds],
    );
  return new Map(rows.map((row) => [row.id, { revoked: row.revoked, reason: row.reason }]));
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export { TEST_PASSWORD };
