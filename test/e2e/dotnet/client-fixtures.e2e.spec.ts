import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import '@/legacy/contracts';
import '@/legacy/contracts/login-request.contract';
import { PasswordHasher } from '@/users/passwords/password-hasher';
import { contractRegistry } from '@/wire/datacontract/registry';
import { VectorValues } from '@/wire/conformance/vector-values';
import { readerFor } from '@/wire/negotiation/negotiation';
import { WireCodec } from '@/wire/wire-codec';
import { bearer, loginLegacy } from '@test/support/http';
import {
  createTestApp,
  createUserWithPassword,
  TEST_API_KEY,
  TestApp,
} from '@test/support/test-app';
import { SHARED_DIR } from '@test/support/wire/vector-fixtures';
import { CLIENT_DIR, CLIENT_FIXTURES_DIR, CLIENT_TIME_ZONE } from './dotnet-client';

/** A request body the .NET client sent, with what the real serializers read from it (CaseLog.cs). */
interface ClientCase {
  case: string;
  route: string;
  contract: string;
  parameter: string;
  writer: string;
  contentType: string;
  body?: string;
  bodyBase64?: string;
  reader: string;
  bound: Record<string, unknown> | null;
  modelState: Record<string, string[]>;
  expect: {
    status: number;
    message?: string;
    modelStateKeys?: string[];
    success?: boolean;
    first_name?: string;
    last_name?: string;
  };
  caller: { username: string; password: string };
}

const cases: ClientCase[] = readdirSync(CLIENT_FIXTURES_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(readFileSync(join(CLIENT_FIXTURES_DIR, file), 'utf8')) as ClientCase);

const codec = new WireCodec(contractRegistry);
const values = new VectorValues(contractRegistry);
const bytesOf = (c: ClientCase) =>
  c.bodyBase64 !== undefined ? Buffer.from(c.bodyBase64, 'base64') : Buffer.from(c.body!, 'utf8');
const mediaTypeOf = (c: ClientCase) => c.contentType.split(';')[0].trim().toLowerCase();
const newtonsoftRead = (c: ClientCase) => c.reader.startsWith('Newtonsoft');

function decode(c: ClientCase): unknown {
  const plan = contractRegistry.plan(contractRegistry.classByName(c.contract)!);
  const instance = codec.decode(plan, readerFor(mediaTypeOf(c))!, bytesOf(c), {
    parameterName: c.parameter,
    charset: /charset=([^;]+)/i.exec(c.contentType)?.[1].trim().toLowerCase() ?? null,
    maxInflatedBytes: 1 << 20,
  });
  return values.fromInstance(plan, instance);
}

describe('request bodies written by the real .NET serializers, replayed against the app', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ LEGACY_TIME_ZONE: CLIENT_TIME_ZONE });
    const hasher = new PasswordHasher();
    const callers = new Map(cases.map((c) => [c.caller.username, c.caller.password]));
    for (const [username, password] of callers)
      await createUserWithPassword(testApp, {
        username,
        passwordHash: await hasher.hash(password),
      });
  });

  afterAll(() => testApp?.close());

  it('has the cases the client saved, made with the legacy contracts as they are', () => {
    expect(cases.length).toBeGreaterThanOrEqual(16);
    // The kit carries its own copy (a deployment's user has no ../shared): it must not drift.
    expect(readFileSync(join(CLIENT_DIR, 'Contracts.cs'), 'utf8')).toBe(
      readFileSync(join(SHARED_DIR, 'legacy-contracts/Contracts.cs'), 'utf8'),
    );
  });

  describe.each(cases.map((c) => [c.case, c] as const))('%s', (_name, c) => {
    it('the wire reader binds what the real .NET reader bound', () => {
      if (c.bound === null) {
        expect(() => decode(c)).toThrow();
        return;
      }
      const read = decode(c) as Record<string, unknown>;
      const compared = Object.fromEntries(Object.keys(c.bound).map((key) => [key, read[key]]));
      expect(compared).toEqual(c.bound);
    });

    it('the route answers as that outcome demands', async () => {
      const [method, path] = c.route.split(' ');
      expect(method).toBe('POST');
      let token: string | undefined;
      let req = request(testApp.server).post(path).set('Accept', 'application/json');
      if (path.startsWith('/api/Auth')) req = req.set('X-Api-Key', TEST_API_KEY);
      if (path.startsWith('/api/kill-session')) {
        token = (await loginLegacy(testApp, c.caller.username, c.caller.password)).accessToken;
        req = req.set('Authorization', bearer(token));
      }
      // The bytes as sent: superagent would JSON-encode a Buffer under a JSON Content-Type
      // (its typings say a serializer returns a string; a Buffer goes out as is).
      const res = await req
        .set('Content-Type', c.contentType)
        .serialize((body: Buffer) => body as unknown as string)
        .send(bytesOf(c));

      expect(res.status).toBe(c.expect.status);
      if (c.expect.status === 400) {
        expect(res.body.Message).toBe(c.expect.message);
        expect(Object.keys(res.body.ModelState)).toEqual(c.expect.modelStateKeys);
        // A local caller sees Newtonsoft's own text (Mono's DCS words its errors unlike .NET Framework's).
        if (newtonsoftRead(c)) expect(res.body.ModelState).toEqual(c.modelState);
      } else if (path.startsWith('/api/kill-session')) {
        expect(res.body).toMatchObject({ Success: c.expect.success });
        expect(res.body.Data).toBeGreaterThanOrEqual(1);
        await request(testApp.server)
          .get('/Auth/Session')
          .set('Authorization', bearer(token!))
          .expect(401);
      } else if (path.startsWith('/api/Auth')) {
        expect(res.body).toMatchObject({
          first_name: c.expect.first_name,
          last_name: c.expect.last_name,
        });
      } else {
        expect(res.body.userName).toBe(c.caller.username);
      }
    });
  });
});
