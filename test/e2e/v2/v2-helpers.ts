import request from 'supertest';
import { UserEntity } from '@/users/entities/user.entity';
import { createUserWithPassword, TestApp, TEST_PASSWORD } from '@test/support/test-app';

export const V2_NS = 'http://schemas.datacontract.org/2004/07/SessionGateway.V2';
export const XSI = 'xmlns:i="http://www.w3.org/2001/XMLSchema-instance"';
export const MILLIS_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
export const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
export const OPAQUE_TOKEN = /^[A-Za-z0-9_-]{43}$/;
export const ERROR_DETAIL = 'type.googleapis.com/zitadel.v1.ErrorDetail';
export const USER_AGENT = 'v2-e2e/1.0 (tests)';

/** A v2 session as `POST /v2/sessions` answers it (JSON). */
export interface CreatedSession {
  details: { sequence: string; changeDate: string; resourceOwner: string };
  sessionId: string;
  sessionToken: string;
  accessToken: string;
  accessTokenExpirationDate: string;
}

export interface V2User {
  user: UserEntity;
  /** A live session of the user, and its bearer header. */
  session: CreatedSession;
  auth: string;
}

/** The exact v2 error body. */
export function v2Error(code: number, id: string, message: string) {
  return { code, message, details: [{ '@type': ERROR_DETAIL, id, message }] };
}

export async function createV2Session(
  testApp: TestApp,
  loginName: string,
  extra: Record<string, unknown> = {},
): Promise<CreatedSession> {
  const res = await request(testApp.server)
    .post('/v2/sessions')
    .set('User-Agent', USER_AGENT)
    .send({ checks: { user: { loginName }, password: { password: TEST_PASSWORD } }, ...extra });
  if (res.status !== 201) throw new Error(`login failed: ${res.status} ${res.text}`);
  return res.body as CreatedSession;
}

/** A user (with roles) logged in through v2. */
export async function v2User(testApp: TestApp, roles: string[] = []): Promise<V2User> {
  const user = await createUserWithPassword(testApp, { roles });
  const session = await createV2Session(testApp, user.username);
  return { user, session, auth: `Bearer ${session.accessToken}` };
}

/** Element text of the first `<name>` in an XML document. */
export function xmlValue(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}
