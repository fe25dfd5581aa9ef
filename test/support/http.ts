import request from 'supertest';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { basicAuth, TestApp, TEST_PASSWORD } from './test-app';

/** supertest parser that keeps the body as raw bytes (for XML, UTF-16 and DEFLATE bodies). */
export function rawParser(
  res: request.Response,
  done: (err: Error | null, body: Buffer) => void,
): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

export const RESPONSE_TYPES = {
  'application/json': 'application/json; charset=utf-8',
  'text/json': 'text/json; charset=utf-8',
  'application/xml': 'application/xml; charset=utf-8',
  'text/xml': 'text/xml; charset=utf-8',
  'application/x-compressed-json': 'application/x-compressed-json',
} as const;
export type ResponseType = keyof typeof RESPONSE_TYPES;

/** The body as text, inflating compressed JSON. */
export function bodyText(type: string, body: Buffer): string {
  return type === 'application/x-compressed-json'
    ? inflateRawSync(body).toString('utf8')
    : body.toString('utf8');
}

export function compressJson(value: unknown): Buffer {
  return deflateRawSync(Buffer.from(JSON.stringify(value), 'utf8'));
}

export interface LegacyLogin {
  sessionId: number;
  userId: number;
  accessToken: string;
  refreshToken: string;
}

/** Logs in through `POST /Auth/Login` (Basic credentials, JSON answer). */
export async function loginLegacy(
  testApp: TestApp,
  username: string,
  password = TEST_PASSWORD,
): Promise<LegacyLogin> {
  const response = await request(testApp.server)
    .post('/Auth/Login')
    .set('Authorization', basicAuth(username, password))
    .set('Accept', 'application/json')
    .expect(200);
  return {
    sessionId: response.body.sessionID,
    userId: response.body.userID,
    accessToken: response.body.userToken,
    refreshToken: response.body.refreshToken,
  };
}

export function bearer(token: string): string {
  return `Bearer ${token}`;
}
