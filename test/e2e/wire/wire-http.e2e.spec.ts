import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VECTORS_DIR } from '@test/support/wire/vector-fixtures';
import { createWireTestApp } from './wire-test-app';

const vector = (name: string) =>
  JSON.parse(readFileSync(join(VECTORS_DIR, name), 'utf8')) as { json: string; xml: string };

/** Raw response bytes, whatever the content type. */
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('wire layer over HTTP', () => {
  let app: INestApplication;
  let server: Parameters<typeof request>[0];

  beforeAll(async () => {
    app = await createWireTestApp({ LEGACY_TIME_ZONE: 'America/Mexico_City' });
    server = app.getHttpServer();
  });
  afterAll(() => app.close());

  const seed = vector('UsuarioDto.seed.json');

  it('echoes a JSON body as the exact legacy JSON', async () => {
    const res = await request(server)
      .post('/api/kill-session')
      .set('Content-Type', 'application/json')
      .send(seed.json);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.text).toBe(seed.json);
  });

  it('answers XML to an XML body without Accept, byte for byte', async () => {
    const res = await request(server)
      .post('/api/kill-session')
      .set('Content-Type', 'text/xml')
      .send(seed.xml);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(res.text).toBe(seed.xml);
  });

  it('reads a compressed JSON body and answers compressed JSON without charset or Content-Encoding', async () => {
    const res = await request(server)
      .post('/api/kill-session')
      .set('Content-Type', 'application/x-compressed-json')
      .set('Accept', 'application/x-compressed-json')
      .send(deflateRawSync(Buffer.from(seed.json)))
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-compressed-json');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(inflateRawSync(res.body as Buffer).toString('utf8')).toBe(seed.json);
  });

  it('binds a form body case-insensitively, as Web API model binding does', async () => {
    const res = await request(server)
      .post('/api/kill-session')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .set('Accept', 'application/json')
      .send(
        'id=5&USERNAME=ana&Active=true&IdIssuerBranches=1&IdIssuerBranches[]=2&IdIssuerBranches[2]=3&CreationDate=2026-03-01T09:00:00-06:00',
      );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      Id: 5,
      Username: 'ana',
      Active: true,
      // `x[]` is `x` (jQuery style); with the plain key present, the indexed `x[2]` is not read
      IdIssuerBranches: [1, 2],
      CreationDate: '2026-03-01T09:00:00-06:00',
    });
  });

  it('honours Accept-Charset: utf-16 with a BOM, for XML', async () => {
    const res = await request(server)
      .post('/api/kill-session')
      .set('Content-Type', 'application/json')
      .set('Accept', 'application/xml')
      .set('Accept-Charset', 'utf-16')
      .send(seed.json)
      .buffer(true)
      .parse(binary);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-16');
    const body = res.body as Buffer;
    expect([...body.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(body.subarray(2).toString('utf16le')).toBe(seed.xml);
  });

  it('keeps the seeds’ 7-digit fractions through a round trip', async () => {
    const xml = seed.xml.replace(/\.302-06:00/g, '.3021511-06:00');
    const res = await request(server)
      .post('/api/kill-session')
      .set('Content-Type', 'application/xml')
      .send(xml);
    expect(res.text).toBe(xml);
  });

  it('answers 200 to a POST unless @HttpCode says otherwise, and honours WireResult statuses', async () => {
    expect((await request(server).post('/api/created')).status).toBe(201);
    const res = await request(server).get('/api/result').set('Accept', 'text/xml');
    expect(res.status).toBe(202);
    expect(res.text).toContain('<Message>plain object</Message>');
  });

  it('treats Content-Length: 0 as no body (never a 415)', async () => {
    const res = await request(server).post('/api/optional').set('Content-Length', '0');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ Success: true, Message: 'no body', Data: null });
  });

  it('routes case-insensitively', async () => {
    const res = await request(server).get('/API/GENERIC');
    expect(res.text).toBe('{"Success":true,"Message":"3 sessions terminated","Data":3}');
  });

  it('lets non-contract results through to Nest', async () => {
    const res = await request(server).get('/api/plain');
    expect(res.body).toEqual({ not: 'a contract' });
  });

  describe('errors', () => {
    it('404 quotes the absolute request URI', async () => {
      const res = await request(server).get('/api/nothing-here?x=1');
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        Message: `No HTTP resource was found that matches the request URI '${(res.request as unknown as { url: string }).url}'.`,
      });
    });

    it('405 with Allow when the path exists for another method', async () => {
      const res = await request(server).put('/api/kill-session');
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('POST');
      expect(res.body).toEqual({
        Message: "The requested resource does not support http method 'PUT'.",
      });
    });

    it('500 says nothing more than Web API did', async () => {
      const res = await request(server).get('/api/boom').set('Accept', 'application/xml');
      expect(res.status).toBe(500);
      expect(res.text).toBe('<Error><Message>An error has occurred.</Message></Error>');
    });

    it('401 uses the fixed legacy message', async () => {
      const res = await request(server).get('/api/denied');
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ Message: 'Authorization has been denied for this request.' });
    });

    it('429 from the throttler, in the legacy format', async () => {
      const res = await request(server).get('/api/throttled');
      expect(res.status).toBe(429);
      expect(res.body).toEqual({ Message: 'Too many requests. Try again later.' });
    });

    it('admin errors are err_<code>', async () => {
      const res = await request(server).post('/api/admin/v1/authenticated-sessions/revoke');
      expect(res.status).toBe(404);
      expect(res.text).toBe('{"Message":"err_NoActiveSession"}');
      const boom = await request(server).get('/api/admin/v1/authenticated-sessions/boom');
      expect(boom.status).toBe(500);
      expect(boom.text).toBe('{"Message":"err_Internal"}');
      const unknown = await request(server).get('/api/admin/v1/nope');
      expect(unknown.text).toBe('{"Message":"err_NotFound"}');
    });

    it('v2 errors carry the gRPC code and a zitadel ErrorDetail', async () => {
      const res = await request(server).get('/v2/sessions/123');
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        code: 5,
        message: 'Session not found',
        details: [
          {
            '@type': 'type.googleapis.com/zitadel.v1.ErrorDetail',
            id: 'SESSION-0sGjd',
            message: 'Session not found',
          },
        ],
      });
    });

    it('400 ModelState keyed by the parameter name, in XML when asked', async () => {
      const res = await request(server)
        .post('/api/kill-session')
        .set('Content-Type', 'application/json')
        .set('Accept', 'application/xml')
        .send('{"Id":"abc"}');
      expect(res.status).toBe(400);
      expect(res.text).toBe(
        "<Error><Message>The request is invalid.</Message><ModelState><usuario.Id>Could not convert string to integer: abc. Path 'Id', line 1, position 11.</usuario.Id></ModelState></Error>",
      );
    });
  });
});
