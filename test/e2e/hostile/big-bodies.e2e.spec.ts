import { listeningPort } from '@test/support/hostile';
import {
  sendExpectingContinue,
  trickleBody,
  writeWholeBodyThenRead,
} from '@test/support/raw-socket';
import { createTestApp, TestApp } from '@test/support/test-app';

const MIB = 1024 * 1024;
const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' };
const TOO_LARGE_LEGACY = '{"Message":"The request entity is too large."}';
const DENIED_LEGACY = '{"Message":"Authorization has been denied for this request."}';
const DRAIN_LIMIT = 12 * MIB;
const BODY_TIMEOUT_MS = 1000;
const DRAIN_TIMEOUT_MS = 1500;

/** A syntactically fine JSON body of `size` bytes. */
function jsonBody(size: number): Buffer {
  const body = Buffer.alloc(size, 'a');
  body.write('{"x":"', 0);
  body.write('"}', size - 2);
  return body;
}

/**
 * SPEC 5 / issue 9 item 6: a caller that writes its whole body before reading
 * (urllib, HttpWebRequest) reads the answer, whatever it is; bodies are bounded
 * in time and in what is drained after the answer.
 */
describe('big and slow request bodies', () => {
  let testApp: TestApp;
  let port: number;

  beforeAll(async () => {
    testApp = await createTestApp({
      BODY_TIMEOUT_MS: String(BODY_TIMEOUT_MS),
      BODY_DRAIN_TIMEOUT_MS: String(DRAIN_TIMEOUT_MS),
      BODY_DRAIN_LIMIT_BYTES: String(DRAIN_LIMIT),
    });
    port = await listeningPort(testApp.server);
  });
  afterAll(() => testApp.close());

  const answers = [
    {
      name: 'POST /Auth/Login, 6 MB → legacy 413',
      path: '/Auth/Login',
      status: 413,
      body: TOO_LARGE_LEGACY,
    },
    {
      name: 'POST /v2/sessions, 6 MB → v2 413',
      path: '/v2/sessions',
      status: 413,
      body: JSON.stringify({
        code: 3,
        message: 'The request entity is too large.',
        details: [
          {
            '@type': 'type.googleapis.com/zitadel.v1.ErrorDetail',
            id: 'PayloadTooLarge',
            message: 'The request entity is too large.',
          },
        ],
      }),
    },
    {
      name: 'POST /api/kill-session without a token, 6 MB → legacy 401',
      path: '/api/kill-session',
      status: 401,
      body: DENIED_LEGACY,
    },
    {
      name: 'POST /api/admin/v1/users without a token, 3 MB → admin 401',
      path: '/api/admin/v1/users',
      status: 401,
      body: '{"Message":"err_Unauthenticated"}',
      size: 3 * MIB,
    },
  ];
  const table = answers.flatMap((answer) =>
    ['close', 'keep-alive'].map((connection) => ({ ...answer, connection })),
  );

  it.each(table)(
    '$name (Connection: $connection): the whole answer is read after the whole body is written',
    async ({ path, status, body, connection, size }) => {
      const result = await writeWholeBodyThenRead(port, {
        method: 'POST',
        path,
        headers: { ...JSON_HEADERS, Connection: connection },
        body: jsonBody(size ?? 6 * MIB),
      });
      expect(result.errorCode).toBeUndefined();
      expect(result.response?.status).toBe(status);
      expect(result.response?.body).toBe(body);
      expect(result.bodyBytesSent).toBe(size ?? 6 * MIB);
    },
  );

  it('the drain is bounded: a body far past the bound is cut, not read to its end', async () => {
    const size = 64 * MIB;
    const result = await writeWholeBodyThenRead(port, {
      method: 'POST',
      path: '/Auth/Login',
      headers: { ...JSON_HEADERS },
      body: jsonBody(size),
    });
    expect(result.errorCode).toMatch(/^(ECONNRESET|EPIPE)$/);
    // Read before the answer (the 1 MiB cap), the drain bound, and what sockets buffer.
    expect(result.bodyBytesSent).toBeLessThan(MIB + DRAIN_LIMIT + 8 * MIB);
  });

  it('Expect: 100-continue with a Content-Length over the limit gets the 413 before any body byte', async () => {
    const result = await sendExpectingContinue(port, {
      method: 'POST',
      path: '/Auth/Login',
      headers: JSON_HEADERS,
      body: jsonBody(6 * MIB),
    });
    expect(result.received).not.toMatch(/^HTTP\/1\.1 100/);
    expect(result.response?.status).toBe(413);
    expect(result.response?.body).toBe(TOO_LARGE_LEGACY);
    expect(result.response?.headers.connection).toBe('close');
    expect(result.bodyBytesSent).toBe(0);
    expect(result.elapsedMs).toBeLessThan(2000);
  });

  it('Expect: 100-continue with an XML body over the XML limit (under the JSON one) gets the 413 at once', async () => {
    const result = await sendExpectingContinue(port, {
      method: 'POST',
      path: '/Auth/Login',
      headers: { 'Content-Type': 'application/xml', Accept: 'application/json' },
      body: Buffer.alloc(512 * 1024, 'a'),
    });
    expect(result.received).not.toMatch(/^HTTP\/1\.1 100/);
    expect(result.response?.status).toBe(413);
    expect(result.bodyBytesSent).toBe(0);
  });

  it('Expect: 100-continue with a body within the limit gets 100 Continue, then its answer', async () => {
    const result = await sendExpectingContinue(port, {
      method: 'POST',
      path: '/Auth/Login',
      headers: JSON_HEADERS,
      body: Buffer.from('{"UserName":"nobody-here","Password":"wrong password"}'),
    });
    expect(result.received).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 401 /);
    expect(result.response?.status).toBe(401);
    expect(result.response?.body).toBe(DENIED_LEGACY);
  });

  it('a body trickling 1 byte per 100 ms is answered 408 once BODY_TIMEOUT_MS has passed, then cut', async () => {
    const result = await trickleBody(
      port,
      { method: 'POST', path: '/Auth/Login', headers: JSON_HEADERS, length: 10_000 },
      100,
      10_000,
    );
    expect(result.response?.status).toBe(408);
    expect(JSON.parse(result.response!.body)).toEqual({
      Message: 'The request body did not arrive in time.',
    });
    expect(result.errorCode).not.toBe('CLIENT_TIMEOUT');
    // Cut after the body timeout plus the drain time (and some scheduling slack).
    expect(result.elapsedMs).toBeLessThan(BODY_TIMEOUT_MS + DRAIN_TIMEOUT_MS + 1500);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(BODY_TIMEOUT_MS);
  });

  it('a trickling body the guard refuses unread is cut after the drain time', async () => {
    const result = await trickleBody(
      port,
      { method: 'POST', path: '/api/kill-session', headers: JSON_HEADERS, length: 10_000 },
      100,
      10_000,
    );
    expect(result.response?.status).toBe(401);
    expect(result.errorCode).not.toBe('CLIENT_TIMEOUT');
    expect(result.elapsedMs).toBeLessThan(DRAIN_TIMEOUT_MS + 1500);
  });
});
