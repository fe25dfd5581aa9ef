import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonSamples, readSeed, xmlSamples } from '@test/support/wire/vector-fixtures';
import { serviceEnv, SERVICE_ADMIN } from '@test/support/service-fixtures';
import { runCli, RunningService, startService } from '@test/support/service-process';

/**
 * `npm run cli -- compare` between two fake services started here: the
 * "legacy" one answers the seeds' recorded .NET bytes; the candidate answers
 * the same bytes with the volatile values (tokens, dates, GUIDs, ids) a second
 * correct service would change — and, in one run, one route altered.
 */
interface Answer {
  status?: number;
  type: string;
  body: string;
}

interface FakeService {
  url: string;
  received: { method: string; url: string; headers: IncomingMessage['headers']; body: Buffer }[];
  close(): Promise<void>;
}

async function fakeService(
  answer: (method: string, url: string, accept: string) => Answer,
): Promise<FakeService> {
  const received: FakeService['received'] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        method: request.method!,
        url: request.url!,
        headers: request.headers,
        body: Buffer.concat(chunks),
      });
      const {
        status = 200,
        type,
        body,
      } = answer(request.method!, request.url!, request.headers.accept ?? '');
      // What IIS and ASP.NET add; Server and X-Powered-By are not compared.
      response.writeHead(status, {
        'Content-Type': type,
        'Cache-Control': 'no-cache',
        Pragma: 'no-cache',
        Expires: '-1',
        Server: 'Microsoft-IIS/10.0',
        'X-Powered-By': 'ASP.NET',
      });
      response.end(body);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const JSON_TYPE = 'application/json; charset=utf-8';
const XML_TYPE = 'application/xml; charset=utf-8';

// The help pages show placeholders where the service puts a session token; a recording has real ones.
const LEGACY_JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIyIiwiaWF0IjoxNzE2MTc5MDA2fQ.kT3pQ0v3m3x2yJ7d9cVb4o5n6r1s2t3u4w5x6y7z8A0';
const CANDIDATE_JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIyIiwiaWF0IjoxNzY0NTYzNDAwfQ.Qw8rT2yU4iO6pA1sD3fG5hJ7kL9zX0cV2bN4mM6qW8e';

const login = jsonSamples(readSeed('001'))[0].replace(
  '"sample string 4"',
  JSON.stringify(LEGACY_JWT),
);
const loginXml = xmlSamples(readSeed('001'), 'UserSessionDTO')[0].replace(
  '<UserToken>sample string 4</UserToken>',
  '<UserToken>c2Vzc2lvbi10b2tlbi1sZWdhY3ktMDAwMQ</UserToken>',
);
const killJson = jsonSamples(readSeed('000'))[1];
const killXml = xmlSamples(readSeed('000'), 'GenericResponse')[0];
const usuarioXml = xmlSamples(readSeed('000'), 'UsuarioDto')[0];
const userInfo = jsonSamples(readSeed('003'))[0];
const userLogged = jsonSamples(readSeed('003'))[1];

/** What a second correct service changes: other tokens, other timestamps, other GUIDs, other ids. */
function volatileChanged(body: string): string {
  return body
    .replace(LEGACY_JWT, CANDIDATE_JWT)
    .replace('c2Vzc2lvbi10b2tlbi1sZWdhY3ktMDAwMQ', 'Y2FuZGlkYXRlLXNlc3Npb24tdG9rZW4tNDI')
    .replace(/2024-05-20T04:23:26\.0970256\+00:00/g, '2026-12-01T04:30:00.1234567+00:00')
    .replace(/2026-02-03T19:05:26Z/g, '2026-12-01T04:30:00Z')
    .replace(/15c1156c-459a-463d-ad34-86e53f9924e8/g, '0f8a5b7e-3c2d-4e1f-9a8b-7c6d5e4f3a2b')
    .replace(/d08238e8-c0f9-4da8-96aa-0cfb98584658/g, 'a1b2c3d4-e5f6-4789-8abc-def012345678')
    .replace('"sessionID":1', '"sessionID":2718')
    .replace('<SessionID>1</SessionID>', '<SessionID>2718</SessionID>');
}

function legacyAnswer(method: string, url: string, accept: string): Answer {
  const xml = accept.includes('xml');
  if (method === 'POST' && url === '/Auth/Login')
    return xml ? { type: XML_TYPE, body: loginXml } : { type: JSON_TYPE, body: login };
  if (method === 'POST' && url === '/api/kill-session')
    return xml ? { type: XML_TYPE, body: killXml } : { type: JSON_TYPE, body: killJson };
  if (method === 'POST' && url.startsWith('/api/Auth?IP='))
    return { type: JSON_TYPE, body: userLogged };
  return { status: 404, type: JSON_TYPE, body: '{"Message":"No HTTP resource was found."}' };
}

const recorded = [
  {
    method: 'POST',
    path: '/Auth/Login',
    headers: { Authorization: 'Basic YW5hOmFuYS1wYXNzd29yZA==', Accept: 'application/json' },
  },
  {
    method: 'POST',
    path: '/Auth/Login',
    headers: { Authorization: 'Basic YW5hOmFuYS1wYXNzd29yZA==', Accept: 'application/xml' },
  },
  {
    method: 'POST',
    path: '/api/kill-session',
    headers: {
      'Content-Type': 'application/xml',
      Accept: 'application/xml',
      Host: 'legacy.internal',
    },
    body: usuarioXml,
  },
  {
    method: 'POST',
    path: '/api/kill-session',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: '{}',
  },
  {
    method: 'POST',
    path: '/api/Auth?IP=10.0.0.1',
    headers: { 'Content-Type': 'application/json' },
    body: userInfo,
  },
];

/** The fake services need no database, nor does the command: one pass (the PGlite one) is enough. */
const describeEmbedded = process.env.DATABASE_URL ? describe.skip : describe;

describeEmbedded('npm run cli -- compare (fake legacy and candidate services)', () => {
  jest.setTimeout(120_000);

  let dir: string;
  let legacy: FakeService;
  const started: FakeService[] = [];
  const start = async (answer: Parameters<typeof fakeService>[0]) => {
    const service = await fakeService(answer);
    started.push(service);
    return service;
  };
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const jsonLines = () =>
    file(
      'recording.jsonl',
      recorded
        .map(({ body, ...rest }) =>
          JSON.stringify({
            ...rest,
            ...(body === undefined ? {} : { bodyBase64: Buffer.from(body).toString('base64') }),
          }),
        )
        .join('\n') + '\n',
    );
  const har = () =>
    file(
      'recording.har',
      JSON.stringify({
        log: {
          version: '1.2',
          creator: { name: 'test', version: '1' },
          entries: recorded.map(({ method, path, headers, body }) => ({
            request: {
              method,
              url: `https://legacy.example${path}`,
              httpVersion: 'HTTP/1.1',
              headers: Object.entries(headers).map(([name, value]) => ({ name, value })),
              ...(body === undefined
                ? {}
                : { postData: { mimeType: headers['Content-Type'] ?? '', text: body } }),
            },
          })),
        },
      }),
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sg-e2e-compare-'));
    legacy = await start(legacyAnswer);
  });
  afterAll(async () => {
    await Promise.all(started.map((service) => service.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('volatile values only: every request equal, exit 0; the services got the recorded bytes with their own Host', async () => {
    const candidate = await start((method, url, accept) => {
      const answer = legacyAnswer(method, url, accept);
      return { ...answer, body: volatileChanged(answer.body) };
    });
    legacy.received.length = 0;
    const { code, stdout, stderr } = await runCli(
      ['compare', '--legacy', legacy.url, '--candidate', candidate.url, jsonLines()],
      {},
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('equal up to volatile values  POST /Auth/Login  (line 1)');
    expect(stdout).toMatch(
      /\$\.userToken \[token \(JWT\)\].*\$\.expiryDateUtc \[date \(ISO 8601, offset\)\]/,
    );
    expect(stdout).toContain('/UserSessionDTO/UserToken [token (opaque)]');
    expect(stdout).toContain('/UserSessionDTO/SessionID [id (string)]');
    expect(stdout).toContain('$.id [guid (lower)]');
    expect(stdout).toContain('identical  POST /api/kill-session  (line 3)');
    expect(stdout).toContain(
      'POST /Auth/Login  2 requests: 0 identical, 2 equal up to volatile values, 0 different, 0 errors',
    );
    expect(stdout).toContain(
      'POST /api/Auth  1 request: 0 identical, 1 equal up to volatile values',
    );
    expect(stdout).toContain('the candidate answers as the legacy service');

    expect(legacy.received).toHaveLength(5);
    expect(candidate.received).toHaveLength(5);
    const killSession = legacy.received[2];
    expect(killSession.headers.host).toBe(new URL(legacy.url).host);
    expect(candidate.received[2].headers.host).toBe(new URL(candidate.url).host);
    expect(killSession.body.equals(Buffer.from(usuarioXml))).toBe(true);
    expect(killSession.headers['content-length']).toBe(String(Buffer.byteLength(usuarioXml)));
    expect(legacy.received[4].url).toBe('/api/Auth?IP=10.0.0.1');
    expect(legacy.received[0].headers.authorization).toBe('Basic YW5hOmFuYS1wYXNzd29yZA==');
  });

  it('one route altered: exit 1, the first difference as a path with both values (HAR, --json)', async () => {
    const candidate = await start((method, url, accept) => {
      const answer = legacyAnswer(method, url, accept);
      const body = volatileChanged(answer.body)
        .replace('<Message>sample string 2</Message>', '<Message>sample string 3</Message>')
        .replace('"userName":"",', '"username":"",');
      return { ...answer, body };
    });
    const { code, stdout, stderr } = await runCli(
      ['compare', '--json', '--legacy', legacy.url, '--candidate', `${candidate.url}/`, har()],
      {},
    );
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
    const report = JSON.parse(stdout);
    expect(report.ok).toBe(false);
    expect(
      report.requests.map((request: { outcome: { status: string } }) => request.outcome.status),
    ).toEqual(['different', 'equal', 'different', 'identical', 'equal']);
    expect(report.requests[0]).toMatchObject({
      source: 'entry 1',
      route: 'POST /Auth/Login',
      outcome: { path: '$.userName', legacy: 'member "userName"', candidate: 'member "username"' },
    });
    expect(report.requests[2].outcome).toEqual({
      status: 'different',
      path: '/GenericResponse/Message',
      legacy: '"sample string 2"',
      candidate: '"sample string 3"',
    });
    expect(report.routes).toContainEqual({
      route: 'POST /api/kill-session',
      requests: 2,
      identical: 1,
      equal: 0,
      different: 1,
      error: 0,
    });
  });

  it('user rules make a known, accepted difference volatile', async () => {
    const candidate = await start((method, url, accept) => {
      const answer = legacyAnswer(method, url, accept);
      return {
        ...answer,
        body: volatileChanged(answer.body).replace(
          '<Message>sample string 2</Message>',
          '<Message>ok</Message>',
        ),
      };
    });
    const rules = file(
      'rules.yaml',
      'rules:\n  - route: POST /api/kill-session\n    volatile:\n      /GenericResponse/Message: any\n',
    );
    const { code, stdout } = await runCli(
      [
        'compare',
        '--rules',
        rules,
        '--legacy',
        legacy.url,
        '--candidate',
        candidate.url,
        jsonLines(),
      ],
      {},
    );
    expect(code).toBe(0);
    expect(stdout).toContain('/GenericResponse/Message [any]');
  });

  it('a service that does not answer is an error, exit 1', async () => {
    const gone = await fakeService(legacyAnswer);
    await gone.close();
    const { code, stdout } = await runCli(
      ['compare', '--legacy', legacy.url, '--candidate', gone.url, jsonLines()],
      {},
    );
    expect(code).toBe(1);
    expect(stdout).toContain('candidate did not answer: connect ECONNREFUSED');
  });

  it.each([
    [
      'a missing file',
      () => [
        '--legacy',
        'http://127.0.0.1:1',
        '--candidate',
        'http://127.0.0.1:1',
        join(dir, 'none.jsonl'),
      ],
      'cannot read',
    ],
    [
      'a bad URL',
      () => ['--legacy', 'legacy:80', '--candidate', 'http://127.0.0.1:1', jsonLines()],
      '--legacy must be an http:// or https:// URL',
    ],
    [
      'no --candidate',
      () => ['--legacy', 'http://127.0.0.1:1', jsonLines()],
      "required option '--candidate <url>' not specified",
    ],
    [
      'an unknown format',
      () => [
        '--legacy',
        'http://127.0.0.1:1',
        '--candidate',
        'http://127.0.0.1:1',
        file('r.txt', '{}'),
      ],
      'pass --format',
    ],
    [
      'garbage lines and a NUL',
      () => [
        '--legacy',
        'http://127.0.0.1:1',
        '--candidate',
        'http://127.0.0.1:1',
        file('bad.jsonl', '{"method":"GET","path":"/"}\n\u0000\u0001garbage\n'),
      ],
      'line 2: not JSON',
    ],
    [
      'a huge body',
      () => [
        '--legacy',
        'http://127.0.0.1:1',
        '--candidate',
        'http://127.0.0.1:1',
        file(
          'huge.jsonl',
          JSON.stringify({ method: 'POST', path: '/', bodyBase64: 'QUFB'.repeat(6_000_000) }),
        ),
      ],
      'line 1: body larger than 16777216 bytes',
    ],
  ])('%s is a usage error: exit 2, a clear message, nothing sent', async (_what, args, message) => {
    legacy.received.length = 0;
    const { code, stdout, stderr } = await runCli(['compare', ...args()], {});
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
  });
});

describeEmbedded('npm run cli -- compare (this service as the candidate)', () => {
  jest.setTimeout(180_000);

  let dataDir: string;
  let service: RunningService;
  let legacy: FakeService;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sg-e2e-compare-real-'));
    service = await startService(serviceEnv({ DATA_DIR: dataDir, DATABASE_URL: '' }), 150_000);
  });
  afterAll(async () => {
    await legacy?.close();
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a login recorded from one answer is equal up to volatile values to a new login', async () => {
    const authorization = `Basic ${Buffer.from(`${SERVICE_ADMIN.username}:${SERVICE_ADMIN.password}`).toString('base64')}`;
    const recordedAnswers = new Map<
      string,
      { status: number; headers: [string, string][]; body: Buffer }
    >();
    for (const accept of ['application/json', 'application/xml']) {
      const response = await fetch(`${service.baseUrl}/Auth/Login`, {
        method: 'POST',
        headers: { Authorization: authorization, Accept: accept },
      });
      expect(response.status).toBe(200);
      recordedAnswers.set(accept, {
        status: response.status,
        // The recording's headers, less what the fake's own HTTP stack sets.
        headers: [...response.headers].filter(
          ([name]) =>
            !['date', 'content-length', 'connection', 'keep-alive', 'transfer-encoding'].includes(
              name,
            ),
        ),
        body: Buffer.from(await response.arrayBuffer()),
      });
    }
    // A second later the new login's dates differ from the recorded ones in their seconds.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const answer = recordedAnswers.get(request.headers.accept ?? '')!;
        response.writeHead(answer.status, answer.headers.flat());
        response.end(answer.body);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    legacy = {
      url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
      received: [],
      close: () => new Promise((resolve) => server.close(() => resolve())),
    };
    const recording = join(dataDir, 'login.jsonl');
    writeFileSync(
      recording,
      ['application/json', 'application/xml']
        .map((accept) =>
          JSON.stringify({
            method: 'POST',
            path: '/Auth/Login',
            headers: { Authorization: authorization, Accept: accept },
          }),
        )
        .join('\n'),
    );
    // This service's summary names the session ("admin session 3"): text no built-in rule can know.
    const rules = join(dataDir, 'rules.yaml');
    writeFileSync(rules, 'rules:\n  - route: POST /Auth/Login\n    volatile: { $.summary: any }\n');
    const { code, stdout, stderr } = await runCli(
      [
        'compare',
        '--rules',
        rules,
        '--legacy',
        legacy.url,
        '--candidate',
        service.baseUrl,
        recording,
      ],
      {},
    );
    // stdout in the comparison: a failure shows the report.
    expect({ code, stderr, stdout }).toEqual({
      code: 0,
      stderr: '',
      stdout: expect.stringContaining('2 equal up to volatile values'),
    });
    expect(stdout).toContain('$.userToken [token (JWT)]');
    expect(stdout).toContain('$.appData[0].v [token (opaque)]');
    expect(stdout).toContain('/UserSessionDTO/UserToken [token (JWT)]');
    expect(stdout).toContain(
      'POST /Auth/Login  2 requests: 0 identical, 2 equal up to volatile values, 0 different, 0 errors',
    );
  });
});
