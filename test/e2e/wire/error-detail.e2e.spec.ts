import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createWireTestApp } from './wire-test-app';

const USER_INFO = 'http://schemas.datacontract.org/2004/07/IO.Swagger.Models';
const GUID = '6f1c0000-0000-0000-0000-000000000001';
/** DCS meets `id` while the required `deleted` is still unread. */
const OUT_OF_ORDER = `<UserInfo xmlns="${USER_INFO}"><id>${GUID}</id><deleted>true</deleted><state_id>1</state_id></UserInfo>`;
const DCS_TEXT = `'Element' 'id' from namespace '${USER_INFO}' is not expected. Expecting element 'agreement | birthdate | deleted'.`;

function postXml(app: INestApplication, forwarded: boolean) {
  const call = request(app.getHttpServer())
    .post('/api/Auth')
    .set('Content-Type', 'application/xml')
    .set('Accept', 'application/json');
  if (forwarded) call.set('X-Forwarded-For', '203.0.113.7');
  return call.send(OUT_OF_ORDER);
}

/** Web API's IncludeErrorDetailPolicy, as ERROR_DETAIL_POLICY (SPEC 4.8). */
describe('error detail policy', () => {
  const apps: INestApplication[] = [];
  const appWith = async (policy?: string) => {
    const app = await createWireTestApp(policy ? { ERROR_DETAIL_POLICY: policy } : {});
    apps.push(app);
    return app;
  };
  afterAll(() => Promise.all(apps.map((app) => app.close())));

  it('LocalOnly (default): a loopback caller sees the serializer’s text, one entry under the parameter key', async () => {
    const response = await postXml(await appWith(), false).expect(400);
    expect(response.body).toEqual({
      Message: 'The request is invalid.',
      ModelState: { userInfo: [DCS_TEXT] },
    });
  });

  it('LocalOnly: a relayed (remote) caller sees only "An error has occurred."', async () => {
    const response = await postXml(await appWith('LocalOnly'), true).expect(400);
    expect(response.text).toBe(
      '{"Message":"The request is invalid.","ModelState":{"userInfo":["An error has occurred."]}}',
    );
  });

  it('Never hides the text from a local caller too; Always shows it to a remote one', async () => {
    const never = await postXml(await appWith('Never'), false).expect(400);
    expect(never.body.ModelState).toEqual({ userInfo: ['An error has occurred.'] });
    const always = await postXml(await appWith('Always'), true).expect(400);
    expect(always.body.ModelState).toEqual({ userInfo: [DCS_TEXT] });
  });

  it('model binding messages (forms) are shown to every caller', async () => {
    const app = await appWith('Never');
    const response = await request(app.getHttpServer())
      .post('/api/kill-session')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .set('X-Forwarded-For', '203.0.113.7')
      .send('Id=abc')
      .expect(400);
    expect(response.body.ModelState['usuario.Id'][0]).not.toBe('An error has occurred.');
  });

  it('an unparsable Content-Type is no Content-Type (415 text), and the 415 text keeps the case', async () => {
    const app = await appWith();
    const invalid = await request(app.getHttpServer())
      .post('/api/kill-session')
      .set('Content-Type', 'foo')
      .send('x')
      .expect(415);
    expect(invalid.body.Message).toBe(
      "The request contains an entity body but no Content-Type header. The inferred media type 'application/octet-stream' is not supported for this resource.",
    );
    const cased = await request(app.getHttpServer())
      .post('/api/kill-session')
      .set('Content-Type', 'Text/Plain')
      .send('x')
      .expect(415);
    expect(cased.body.Message).toBe(
      "The request entity's media type 'Text/Plain' is not supported for this resource.",
    );
  });

  it('rejects an unknown policy naming the variable', async () => {
    await expect(createWireTestApp({ ERROR_DETAIL_POLICY: 'Sometimes' })).rejects.toThrow(
      /ERROR_DETAIL_POLICY/,
    );
  });
});

describe('unmatched requests as Web API answers them', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createWireTestApp();
  });
  afterAll(() => app.close());

  it('HEAD on a GET-only route is 405 with Allow (Express would run the GET handler)', async () => {
    const response = await request(app.getHttpServer()).head('/api/generic');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET');
    expect(response.text ?? '').toBe('');
  });

  it('GET on the same route still answers', async () => {
    await request(app.getHttpServer()).get('/api/generic').expect(200);
  });

  it('404 quotes the URI as Uri.ToString() prints it', async () => {
    const response = await request(app.getHttpServer())
      .get('/api/n%20o%2Fx?a=%20b&c=%3D')
      .set('Host', 'LocalHost:80')
      .set('Accept', 'application/json')
      .expect(404);
    expect(response.body).toEqual({
      Message:
        "No HTTP resource was found that matches the request URI 'http://localhost/api/n o%2Fx?a= b&c=%3D'.",
    });
  });
});
