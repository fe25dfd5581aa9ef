import { generateKeyPairSync } from 'node:crypto';
import { request as httpRequest, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { DbFingerprint, dbFingerprint } from './db-fingerprint';
import { TestApp } from './test-app';

/** The error-body family a route answers in (SPEC 4.8). */
export type ErrorFamily = 'legacy' | 'admin' | 'v2' | 'oauth';

/** How long any refusal may take, measured around the request. */
export const HOSTILE_TIME_BOUND_MS = 500;

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  elapsedMs: number;
}

/** Makes sure the Nest http.Server listens on loopback, and returns its port. */
export async function listeningPort(server: Server): Promise<number> {
  if (!server.listening) {
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  }
  return (server.address() as AddressInfo).port;
}

/**
 * One request with exactly the headers given (no Content-Type or charset
 * added behind our back, unlike supertest), timed from the first byte sent
 * to the last byte received. A server that answers and closes mid-upload
 * (413 on a large body) is an answer, not an error.
 */
export async function rawRequest(server: Server, req: RawRequest): Promise<RawResponse> {
  const port = await listeningPort(server);
  const body = req.body === undefined ? undefined : Buffer.from(req.body);
  const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
  if (body !== undefined) headers['Content-Length'] = String(body.length);
  return new Promise<RawResponse>((resolve, reject) => {
    const started = performance.now();
    const call = httpRequest(
      { host: '127.0.0.1', port, path: req.path, method: req.method.toUpperCase(), headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
            elapsedMs: performance.now() - started,
          }),
        );
      },
    );
    call.setTimeout(10_000, () => call.destroy(new Error(`${req.method} ${req.path} timed out`)));
    // EPIPE/ECONNRESET after an early answer: the response handler resolves first.
    call.on('error', (error) => setTimeout(() => reject(error), 200));
    if (body !== undefined) call.write(body);
    call.end();
  });
}

const GRPC_BY_STATUS: Record<number, number[]> = {
  400: [3],
  401: [16],
  403: [7],
  404: [5],
  409: [6],
  413: [3, 8],
  415: [3],
  429: [8],
};

const LEGACY_FIXED: Record<number, string> = {
  400: 'The request is invalid.',
  401: 'Authorization has been denied for this request.',
  413: 'The request entity is too large.',
};

/**
 * Asserts the caller-format error body of `family` for `status`: Web API's
 * HttpError for legacy routes, `{"Message":"err_<Code>"}` for admin routes,
 * `{code, message, details}` for v2. `code` pins the admin/v2 error id.
 */
export function expectErrorBody(
  family: ErrorFamily,
  status: number,
  text: string,
  code?: string,
): void {
  const body = JSON.parse(text) as Record<string, unknown>;
  switch (family) {
    case 'legacy': {
      expect(typeof body.Message).toBe('string');
      if (LEGACY_FIXED[status]) expect(body.Message).toBe(LEGACY_FIXED[status]);
      if (status === 415) expect(body.Message).toMatch(/media type '.+' is not supported/);
      const allowed = status === 400 ? ['Message', 'ModelState'] : ['Message'];
      expect(Object.keys(body).every((key) => allowed.includes(key))).toBe(true);
      if (body.ModelState !== undefined) expect(typeof body.ModelState).toBe('object');
      break;
    }
    case 'admin':
      expect(Object.keys(body)).toEqual(['Message']);
      expect(body.Message).toMatch(code ? new RegExp(`^err_${code}$`) : /^err_[A-Za-z]+$/);
      break;
    case 'v2': {
      expect(Object.keys(body)).toEqual(['code', 'message', 'details']);
      expect(GRPC_BY_STATUS[status]).toContain(body.code);
      const details = body.details as Array<Record<string, unknown>>;
      expect(details).toHaveLength(1);
      expect(details[0]['@type']).toBe('type.googleapis.com/zitadel.v1.ErrorDetail');
      expect(typeof details[0].id).toBe('string');
      if (code) expect(details[0].id).toBe(code);
      expect(details[0].message).toBe(body.message);
      break;
    }
    case 'oauth':
      // RFC 6749 section 5.2: the error code alone.
      expect(body).toEqual({
        error:
          status === 401 ? 'invalid_client' : status >= 500 ? 'server_error' : 'invalid_request',
      });
      if (code) expect(body.error).toBe(code);
      break;
  }
}

export interface HostileOutcome {
  response: RawResponse;
  before: DbFingerprint;
  after: DbFingerprint;
  healthStatus: number;
}

/**
 * Fingerprints the database, sends the hostile request, checks the app still
 * serves `GET /health`, fingerprints again. The caller asserts on the outcome
 * (see expectRefusedUnchanged).
 */
export async function sendHostile(testApp: TestApp, req: RawRequest): Promise<HostileOutcome> {
  const before = await dbFingerprint(testApp.database.dataSource);
  const response = await rawRequest(testApp.server, req);
  const health = await rawRequest(testApp.server, { method: 'GET', path: '/health' });
  const after = await dbFingerprint(testApp.database.dataSource);
  return { response, before, after, healthStatus: health.status };
}

/** Status, caller-format body, time bound, still serving, nothing changed. */
export function expectRefusedUnchanged(
  outcome: HostileOutcome,
  family: ErrorFamily,
  status: number,
  code?: string,
): void {
  const { response } = outcome;
  if (response.status !== status) {
    throw new Error(`expected ${status}, got ${response.status}: ${response.text.slice(0, 300)}`);
  }
  expectErrorBody(family, status, response.text, code);
  expect(response.elapsedMs).toBeLessThan(HOSTILE_TIME_BOUND_MS);
  expect(outcome.healthStatus).toBe(200);
  expect(outcome.after).toEqual(outcome.before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

/** Payloads shared by the suites; the bombs are built once per process. */
export const PAYLOADS = {
  deep: 10_000,
  nestedJson(depth = 10_000): string {
    return `{"x":${'['.repeat(depth)}${']'.repeat(depth)}}`;
  },
  nestedJsonObjects(depth = 10_000): string {
    return '{"x":'.repeat(depth) + '1' + '}'.repeat(depth);
  },
  billionLaughs(inner: (text: string) => string): string {
    let entities = '<!ENTITY lol "lol">';
    for (let i = 1; i <= 9; i++) {
      const prev = i === 1 ? 'lol' : `lol${i - 1}`;
      entities += `<!ENTITY lol${i} "${`&${prev};`.repeat(10)}">`;
    }
    return `<?xml version="1.0"?><!DOCTYPE lolz [${entities}]>${inner('&lol9;')}`;
  },
  externalEntity(inner: (text: string) => string): string {
    return `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${inner('&xxe;')}`;
  },
  parameterEntity(inner: (text: string) => string): string {
    return `<!DOCTYPE r [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>${inner('x')}`;
  },
};

let bombs: { deflate: Buffer; gzip: Buffer; zlib: Buffer } | undefined;

/** 100 MiB of zeros, compressed (about 100 KiB each): far past any limit once inflated. */
export function compressionBombs(): { deflate: Buffer; gzip: Buffer; zlib: Buffer } {
  if (!bombs) {
    const zeros = Buffer.alloc(100 * 1024 * 1024);
    bombs = { deflate: deflateRawSync(zeros), gzip: gzipSync(zeros), zlib: deflateSync(zeros) };
  }
  return bombs;
}

/** Valid JSON that is small compressed but over 1 MiB once inflated (measured after decompression). */
export function inflatesPastLimit(): Buffer {
  return deflateRawSync(Buffer.from(`{"x":"${' '.repeat(1024 * 1024 + 16)}"}`));
}

let rsa: { privateKey: string; publicKey: string } | undefined;

/** A throwaway RSA key pair (PEM), for RS256 forgeries and HS/RS confusion. */
export function rsaKeyPair(): { privateKey: string; publicKey: string } {
  rsa ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return rsa;
}
