import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import {
  loadDotnetFixtures,
  NegotiationFixture,
  XmlReadingFixture,
  sameInWebApi1And2,
} from '@test/support/wire/dotnet-fixtures';
import { createWireTestApp } from './wire-test-app';

const ROUTES = { UsuarioDto: '/api/kill-session', UserInfo: '/api/Auth' };
/** Members the fixture controllers echo, by their JSON name. */
const ECHOED = {
  UsuarioDto: { Id: 'Id', Username: 'Username' },
  UserInfo: { Id: 'id', StateId: 'state_id' },
};

const xmlCases = loadDotnetFixtures<XmlReadingFixture>('xml-reading')
  .filter((f) => f.fixture.timeZone === 'UTC')
  .flatMap((f) => f.fixture.cases.map((c) => ({ ...c, fixture: f.fixture })));
const negotiationCases = loadDotnetFixtures<NegotiationFixture>('negotiation')
  .flatMap((f) => f.fixture.cases)
  .filter(sameInWebApi1And2);

describe('live routes agree with the .NET-decided fixtures', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createWireTestApp();
  });
  afterAll(() => app.close());

  it.each(xmlCases.map((c) => [`${c.fixture.contract} ${c.name}`, c] as const))(
    'XML body %s',
    async (_name, c) => {
      const { contract, parameter } = c.fixture;
      const response = await request(app.getHttpServer())
        .post(ROUTES[contract])
        .set('Content-Type', 'application/xml; charset=utf-8')
        .set('Accept', 'application/json')
        .send(Buffer.from(c.body, 'utf8'));
      if (c.outcome === 'error') {
        expect(response.status).toBe(400);
        // the test client is local: LocalOnly shows DCS's text
        expect(response.body.ModelState).toEqual({
          [parameter]: [c.message!.replace(/^Error in line \d+ position \d+\. /, '')],
        });
        return;
      }
      expect(response.status).toBe(200);
      for (const [property, jsonName] of Object.entries(ECHOED[contract]))
        expect(response.body[jsonName]).toEqual(c.values![property]);
    },
  );

  it.each(negotiationCases.map((c) => [c.name, c] as const))('negotiates %s', async (_name, c) => {
    const call = request(app.getHttpServer()).get('/api/generic');
    if (c.accept !== null) call.set('Accept', c.accept);
    if (c.acceptCharset !== null) call.set('Accept-Charset', c.acceptCharset);
    if (c.contentType !== null) call.set('Content-Type', c.contentType);
    if (c.xRequestedWith !== null) call.set('X-Requested-With', c.xRequestedWith);
    const response = await call.buffer(true).parse((res, done) => {
      res.on('data', () => undefined);
      res.on('end', () => done(null, null));
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(
      c.charset === null ? c.mediaType : `${c.mediaType}; charset=${c.charset}`,
    );
  });
});
