import request from 'supertest';
import { bearer, loginLegacy, rawParser } from '@test/support/http';
import {
  createTestApp,
  createUserWithPassword,
  TestApp,
  TEST_API_KEY,
} from '@test/support/test-app';
import {
  bodyBytes,
  loadJsonReadingCases,
  modelStateKey,
  ReadingCase,
} from '@test/support/wire/json-reading-fixtures';

/**
 * The JSON-reading fixtures (outcomes decided by Newtonsoft.Json 6 as Web API 2
 * ran it, test/dotnet/generators/json-reading) sent to the live routes: every
 * hand-written case, and the bodies the real serializers wrote in the legacy
 * server's zone. A body Web API refused is a 400 carrying Newtonsoft's first
 * error under its ModelState key; a body it bound reaches the route.
 */
const cases = loadJsonReadingCases().filter(
  (c) => !c.area.startsWith('serialized') || c.timeZone === 'America/Mexico_City',
);

/** kill-session's own answer to a body naming nobody (Id, IdUser and Username all empty). */
const NAMES_NOBODY = { 'usuario.Id': ['Name the user by Id, IdUser or Username.'] };

describe('JSON bodies on the live legacy routes bind as Web API 2 bound them', () => {
  let testApp: TestApp;
  let token: string;
  let managerName: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    const manager = await createUserWithPassword(testApp, { roles: ['session-manager'] });
    managerName = manager.username;
    token = (await loginLegacy(testApp, managerName)).accessToken;
  });
  afterAll(() => testApp.close());

  function send(c: ReadingCase) {
    const call =
      c.contract === 'UsuarioDto'
        ? request(testApp.server).post('/api/kill-session').set('Authorization', bearer(token))
        : request(testApp.server).post('/api/Auth?IP=203.0.113.7').set('X-Api-Key', TEST_API_KEY);
    return call
      .set('Content-Type', c.contentType)
      .set('Accept', 'application/json')
      .buffer(true)
      .parse(rawParser)
      .serialize((bytes: Buffer) => bytes as unknown as string) // the bytes as they are
      .send(bodyBytes(c));
  }

  /** The answer's JSON (UTF-16 with a BOM when the request declared charset=utf-16, as Web API answers). */
  function answer(body: Buffer): { ModelState?: Record<string, string[]> } {
    const text =
      body[0] === 0xff && body[1] === 0xfe ? body.toString('utf16le', 2) : body.toString('utf8');
    return text === '' ? {} : (JSON.parse(text) as { ModelState?: Record<string, string[]> });
  }

  it(`answers ${cases.length} fixture bodies as Web API 2 decided`, async () => {
    const disagreements: string[] = [];
    for (const c of cases) {
      let response = await send(c);
      if (response.status === 401 && c.contract === 'UsuarioDto') {
        // the body named the manager (Id 1): its own sessions, the token too, were ended
        token = (await loginLegacy(testApp, managerName)).accessToken;
        response = await send(c);
      }
      const modelState = answer(response.body as Buffer).ModelState;
      if (c.accepted) {
        const reached =
          response.status !== 400 ||
          (c.contract === 'UsuarioDto' &&
            JSON.stringify(modelState) === JSON.stringify(NAMES_NOBODY));
        // Web API gives an action a null parameter for a `null` body; we answer it as no body.
        const nullBody = c.value === null && response.status === 400;
        if (!reached && !nullBody)
          disagreements.push(
            `${c.id}: ${response.status} ${JSON.stringify(answer(response.body as Buffer))}`,
          );
        continue;
      }
      const first = c.errors[0];
      const key = modelStateKey(c, first);
      if (response.status !== 400 || modelState?.[key]?.[0] !== first.message)
        disagreements.push(
          `${c.id}: ${response.status} ${JSON.stringify(answer(response.body as Buffer))}, wanted ${key}: ${first.message}`,
        );
    }
    expect(disagreements).toEqual([]);
  }, 240_000);
});
