import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatOf, MAX_REQUEST_BODY_BYTES, readRecording, RecordingError } from './recording';

describe('recordings', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sg-recording-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const jsonl = (...lines: unknown[]) =>
    file(
      'r.jsonl',
      lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n'),
    );
  const problem = (path: string, format: 'har' | 'jsonl' = 'jsonl') =>
    readRecording(path, format).then(
      () => 'read',
      (error: Error) => {
        expect(error).toBeInstanceOf(RecordingError);
        return error.message;
      },
    );

  it('chooses the format by extension or --format', () => {
    expect(formatOf('a.har', undefined)).toBe('har');
    expect(formatOf('a.JSONL', undefined)).toBe('jsonl');
    expect(formatOf('a.ndjson', undefined)).toBe('jsonl');
    expect(formatOf('a.txt', 'har')).toBe('har');
    expect(() => formatOf('a.txt', undefined)).toThrow('pass --format');
    expect(() => formatOf('a.har', 'csv')).toThrow('--format must be har or jsonl');
  });

  it('reads JSON lines: headers as an object or pairs, base64 bodies, blank lines skipped', async () => {
    const path = jsonl(
      {
        method: 'post',
        path: '/Auth/Login',
        headers: { Authorization: 'Basic YTpi', Accept: ['a', 'b'] },
      },
      '',
      {
        method: 'POST',
        path: '/api/kill-session?x=1',
        headers: [
          ['Content-Type', 'application/xml'],
          ['Host', 'legacy.example'],
          ['Content-Length', '999'],
          ['Connection', 'close'],
        ],
        bodyBase64: Buffer.from('<a/>').toString('base64'),
      },
    );
    expect(await readRecording(path, 'jsonl')).toEqual([
      {
        source: 'line 1',
        method: 'POST',
        path: '/Auth/Login',
        headers: [
          ['Authorization', 'Basic YTpi'],
          ['Accept', 'a'],
          ['Accept', 'b'],
        ],
        body: Buffer.alloc(0),
      },
      {
        source: 'line 3',
        method: 'POST',
        path: '/api/kill-session?x=1',
        headers: [['Content-Type', 'application/xml']],
        body: Buffer.from('<a/>'),
      },
    ]);
  });

  it('reads HAR 1.2: the URL’s path and query, text or base64 bodies, no HTTP/2 pseudo-headers', async () => {
    const har = {
      log: {
        version: '1.2',
        entries: [
          {
            request: {
              method: 'POST',
              url: 'https://legacy.example:8443/Auth/Login?IP=1.2.3.4#frag',
              headers: [
                { name: ':authority', value: 'legacy.example' },
                { name: 'Content-Type', value: 'application/json' },
              ],
              postData: { mimeType: 'application/json', text: '{"é":1}' },
            },
          },
          {
            request: {
              method: 'GET',
              url: 'http://legacy.example',
              headers: [],
              postData: { text: Buffer.from([0, 1, 2]).toString('base64'), encoding: 'base64' },
            },
          },
        ],
      },
    };
    expect(await readRecording(file('r.har', JSON.stringify(har)), 'har')).toEqual([
      {
        source: 'entry 1',
        method: 'POST',
        path: '/Auth/Login?IP=1.2.3.4',
        headers: [['Content-Type', 'application/json']],
        body: Buffer.from('{"é":1}'),
      },
      { source: 'entry 2', method: 'GET', path: '/', headers: [], body: Buffer.from([0, 1, 2]) },
    ]);
  });

  it.each([
    ['a garbage line', 'not json at all', 'line 1: not JSON'],
    ['a NUL byte', '{"method":"GET","path":"/\u0000"}', 'line 1: not JSON'],
    [
      'a NUL in a header value',
      { method: 'GET', path: '/', headers: { A: 'x\u0000y' } },
      'header A has a character',
    ],
    [
      'CR LF in a header value',
      { method: 'GET', path: '/', headers: { A: 'x\r\nEvil: 1' } },
      'header A has a character',
    ],
    ['a bad header name', { method: 'GET', path: '/', headers: { 'A B': 'x' } }, 'bad header name'],
    ['a bad method', { method: 'GET /x', path: '/' }, 'bad method'],
    ['a relative path', { method: 'GET', path: 'x' }, 'path must be a string starting with /'],
    ['a space in the path', { method: 'GET', path: '/a b' }, 'path has characters'],
    [
      'a body that is not base64',
      { method: 'GET', path: '/', bodyBase64: 'a*==' },
      'body is not base64',
    ],
    ['an array line', [1, 2], 'not a JSON object'],
  ])('refuses %s, naming the line', async (_what, line, message) => {
    expect(await problem(jsonl({ method: 'GET', path: '/' }, line))).toContain(
      message.startsWith('line') ? message.replace('line 1', 'line 2') : message,
    );
  });

  it('refuses a body beyond the limit without decoding it', async () => {
    const huge = 'A'.repeat(Math.ceil(((MAX_REQUEST_BODY_BYTES + 8) / 3) * 4));
    expect(await problem(jsonl({ method: 'POST', path: '/', bodyBase64: huge }))).toContain(
      `body larger than ${MAX_REQUEST_BODY_BYTES} bytes`,
    );
  });

  it('lists at most ten problems', async () => {
    const message = await problem(jsonl(...Array.from({ length: 25 }, () => 'x')));
    expect(message.match(/not JSON/g)).toHaveLength(10);
    expect(message).toContain('… and 15 more');
  });

  it('refuses files that are not text, empty, missing, or not HAR', async () => {
    expect(await problem(file('b.jsonl', Buffer.from([0xff, 0xfe, 0x00, 0x41])))).toContain(
      'not UTF-8',
    );
    expect(await problem(file('e.jsonl', '\n\n'))).toContain('holds no requests');
    expect(await problem(join(dir, 'missing.jsonl'))).toContain('cannot read');
    expect(await problem(dir)).toContain('is not a file');
    expect(await problem(file('x.har', '{"log":{}}'), 'har')).toContain('no log.entries list');
    expect(await problem(file('y.har', '{"log":'), 'har')).toContain('not JSON');
    const loneSurrogate = JSON.stringify({
      log: {
        entries: [
          {
            request: {
              method: 'POST',
              url: 'http://h/',
              headers: [],
              postData: { text: 'a\ud800' },
            },
          },
        ],
      },
    });
    expect(await problem(file('z.har', loneSurrogate), 'har')).toContain('lone surrogate');
  });
});
