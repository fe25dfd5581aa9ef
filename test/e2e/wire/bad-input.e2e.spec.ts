import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { request as httpRequest, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { createWireTestApp } from './wire-test-app';

/** Streams `chunks` chunks without Content-Length until the server answers. */
function chunkedUpload(server: Server, path: string, chunkSize: number, chunks: number) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const listening = server.listening
      ? Promise.resolve()
      : new Promise<void>((r) => server.listen(0, r));
    void listening.then(() => {
      const { port } = server.address() as AddressInfo;
      const req = httpRequest(
        {
          port,
          path,
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      // The server answers and closes mid-upload: a write error after that is expected.
      req.on('error', (error) => setTimeout(() => reject(error), 200));
      let sent = 0;
      const pump = () => {
        if (req.destroyed) return;
        if (sent++ >= chunks) return req.end();
        req.write('x'.repeat(chunkSize), () => setImmediate(pump));
      };
      pump();
    });
  });
}

const USUARIO_NS = 'http://schemas.datacontract.org/2004/07/Model.Dto';
const usuarioXml = (inner: string) =>
  `<UsuarioDto xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="${USUARIO_NS}">${inner}</UsuarioDto>`;

interface BadCase {
  name: string;
  path?: string;
  contentType?: string;
  body: string | Buffer;
  status: number;
  /** Checks the legacy HttpError body beyond its `Message`. */
  modelStateKey?: string;
}

const deep = 10_000;
const zeros = Buffer.alloc(100 * 1024 * 1024);

const cases: BadCase[] = [
  // JSON
  {
    name: 'malformed JSON',
    contentType: 'application/json',
    body: '{"Id": 1,,}',
    status: 400,
    modelStateKey: 'usuario.Id', // Newtonsoft's reader is at Path 'Id' (fixture syntax/double-comma)
  },
  {
    name: 'truncated JSON',
    contentType: 'application/json',
    body: '{"Id": 1, "Username": "an',
    status: 400,
  },
  {
    name: 'JSON nested 10,000 deep',
    contentType: 'application/json',
    body: `{"Id":${'['.repeat(deep)}${']'.repeat(deep)}}`,
    status: 400,
  },
  {
    name: 'JSON __proto__ key',
    contentType: 'application/json',
    body: '{"__proto__":{"polluted":true},"Id":1}',
    status: 400,
    modelStateKey: 'usuario.__proto__',
  },
  {
    name: 'JSON constructor key',
    contentType: 'application/json',
    body: '{"constructor":{"prototype":{"polluted":true}}}',
    status: 400,
  },
  {
    name: 'JSON wrong type',
    contentType: 'application/json',
    body: '{"Id":"abc","Active":"maybe"}',
    status: 400,
    modelStateKey: 'usuario.Id',
  },
  { name: 'JSON not an object', contentType: 'application/json', body: '[1,2,3]', status: 400 },
  {
    name: 'JSON int overflow',
    contentType: 'application/json',
    body: '{"Id":2147483648}',
    status: 400,
    modelStateKey: 'usuario.Id',
  },
  {
    name: 'JSON bad date',
    contentType: 'application/json',
    body: '{"CreationDate":"2026-02-30T00:00:00Z"}',
    status: 400,
    modelStateKey: 'usuario.CreationDate',
  },
  {
    name: 'JSON missing IsRequired members',
    path: '/api/Auth',
    contentType: 'application/json',
    body: '{"first_name":"Ana"}',
    status: 400,
    modelStateKey: 'userInfo', // Newtonsoft reports them at the object: Path ''
  },
  {
    name: 'JSON bad GUID',
    path: '/api/Auth',
    contentType: 'application/json',
    body: '{"id":"not-a-guid","deleted":false,"state_id":1}',
    status: 400,
    modelStateKey: 'userInfo.id',
  },
  {
    name: 'JSON over 1 MiB',
    contentType: 'application/json',
    body: `{"Username":"${'a'.repeat(1024 * 1024)}"}`,
    status: 413,
  },
  // XML
  {
    name: 'malformed XML',
    contentType: 'application/xml',
    body: usuarioXml('<Id>1</Idx>'),
    status: 400,
    modelStateKey: 'usuario',
  },
  {
    name: 'truncated XML',
    contentType: 'application/xml',
    body: usuarioXml('<Id>1</Id>').slice(0, -8),
    status: 400,
  },
  {
    name: 'XML wrong root name',
    contentType: 'application/xml',
    body: `<Usuario xmlns="${USUARIO_NS}"><Id>1</Id></Usuario>`,
    status: 400,
  },
  {
    name: 'XML wrong namespace',
    contentType: 'application/xml',
    body: '<UsuarioDto xmlns="http://example.com/x"><Id>1</Id></UsuarioDto>',
    status: 400,
  },
  {
    name: 'XML without namespace',
    contentType: 'text/xml',
    body: '<UsuarioDto><Id>1</Id></UsuarioDto>',
    status: 400,
  },
  {
    name: 'XML billion laughs',
    contentType: 'application/xml',
    body:
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>' +
      usuarioXml('<Username>&lol3;</Username>'),
    status: 400,
  },
  {
    name: 'XML external entity',
    contentType: 'application/xml',
    body:
      '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
      usuarioXml('<Username>&xxe;</Username>'),
    status: 400,
  },
  {
    name: 'XML undeclared entity',
    contentType: 'application/xml',
    body: usuarioXml('<Username>&xxe;</Username>'),
    status: 400,
  },
  {
    name: 'XML nested 10,000 deep',
    contentType: 'application/xml',
    body: usuarioXml('<a>'.repeat(deep) + '</a>'.repeat(deep)),
    status: 400,
  },
  {
    name: 'XML __proto__ element',
    contentType: 'application/xml',
    body: usuarioXml('<__proto__><x>1</x></__proto__>'),
    status: 400,
  },
  {
    name: 'XML wrong type',
    contentType: 'application/xml',
    body: usuarioXml('<Id>007x</Id>'),
    status: 400,
    // DCS throws once; Web API logs it under the bare parameter key
    modelStateKey: 'usuario',
  },
  {
    name: 'XML missing IsRequired members',
    path: '/api/Auth',
    contentType: 'application/xml',
    body: '<UserInfo xmlns="http://schemas.datacontract.org/2004/07/IO.Swagger.Models"><first_name>x</first_name></UserInfo>',
    status: 400,
    modelStateKey: 'userInfo',
  },
  {
    name: 'XML over 256 KiB',
    contentType: 'application/xml',
    body: usuarioXml(`<Username>${'a'.repeat(256 * 1024)}</Username>`),
    status: 413,
  },
  // compressed JSON
  {
    name: 'DEFLATE bomb (100 MB of zeros)',
    contentType: 'application/x-compressed-json',
    body: deflateRawSync(zeros),
    status: 413,
  },
  {
    name: 'gzip bomb (100 MB of zeros)',
    contentType: 'application/x-compressed-json',
    body: gzipSync(zeros),
    status: 413,
  },
  {
    name: 'zlib bomb (100 MB of zeros)',
    contentType: 'application/x-compressed-json',
    body: deflateSync(zeros),
    status: 413,
  },
  {
    name: 'corrupt DEFLATE',
    contentType: 'application/x-compressed-json',
    body: Buffer.from('not deflate at all, just text'),
    status: 400,
  },
  {
    name: 'truncated DEFLATE',
    contentType: 'application/x-compressed-json',
    body: deflateRawSync(Buffer.from('{"Id":1,"Username":"ana"}')).subarray(0, 8),
    status: 400,
  },
  {
    name: 'compressed malformed JSON',
    contentType: 'application/x-compressed-json',
    body: deflateRawSync(Buffer.from('{"Id":')),
    status: 400,
  },
  // forms
  {
    name: 'form wrong type',
    contentType: 'application/x-www-form-urlencoded',
    body: 'Id=abc',
    status: 400,
    modelStateKey: 'usuario.Id',
  },
  {
    name: 'form __proto__ key',
    contentType: 'application/x-www-form-urlencoded',
    body: '__proto__[polluted]=1&Id=1',
    status: 400,
  },
  {
    name: 'form missing IsRequired members',
    path: '/api/Auth',
    contentType: 'application/x-www-form-urlencoded',
    body: 'first_name=x',
    status: 400,
    modelStateKey: 'userInfo.Id',
  },
  // media types
  { name: 'unsupported media type', contentType: 'text/plain', body: 'hello', status: 415 },
];

describe('bad input over HTTP: a 4xx HttpError, quickly, and the app keeps answering', () => {
  let app: INestApplication;
  let server: Parameters<typeof request>[0];

  beforeAll(async () => {
    app = await createWireTestApp();
    server = app.getHttpServer();
  });
  afterAll(() => app.close());

  it.each(cases)(
    '$name → $status',
    async ({ path = '/api/kill-session', contentType, body, status, modelStateKey }) => {
      const started = performance.now();
      let call = request(server).post(path).set('Accept', 'application/json');
      if (contentType) call = call.set('Content-Type', contentType);
      const res = await call.send(body);
      const elapsed = performance.now() - started;

      expect(res.status).toBe(status);
      expect(elapsed).toBeLessThan(200);
      expect(typeof res.body.Message).toBe('string');
      if (status === 400) expect(res.body.Message).toBe('The request is invalid.');
      if (modelStateKey) expect(Object.keys(res.body.ModelState)).toContain(modelStateKey);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();

      const alive = await request(server).get('/api/generic');
      expect(alive.status).toBe(200);
    },
  );

  it('415 names the media type exactly', async () => {
    const res = await request(server)
      .post('/api/kill-session')
      .set('Content-Type', 'text/plain; charset=utf-8')
      .send('x');
    expect(res.body).toEqual({
      Message: "The request entity's media type 'text/plain' is not supported for this resource.",
    });
  });

  it('415 for a body without Content-Type', async () => {
    const res = await request(server)
      .post('/api/kill-session')
      .set('Content-Length', '5')
      .serialize((b: string) => b)
      .send('hello')
      .unset('Content-Type');
    expect(res.status).toBe(415);
    expect(res.body).toEqual({
      Message:
        "The request contains an entity body but no Content-Type header. The inferred media type 'application/octet-stream' is not supported for this resource.",
    });
  });

  it('413 for a chunked body that grows past the limit, without waiting for its end', async () => {
    const started = performance.now();
    const { status, body } = await chunkedUpload(
      server as Server,
      '/api/kill-session',
      100 * 1024,
      50,
    );
    expect(performance.now() - started).toBeLessThan(1000);
    expect(status).toBe(413);
    expect(JSON.parse(body)).toEqual({ Message: 'The request entity is too large.' });
    expect((await request(server).get('/api/generic')).status).toBe(200);
  });

  it('a required body that is missing is a 400 with ModelState', async () => {
    const res = await request(server).post('/api/kill-session').set('Content-Length', '0');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      Message: 'The request is invalid.',
      ModelState: { usuario: ['A non-empty request body is required.'] },
    });
  });
});
