import request from 'supertest';
import { createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import { AuditRepository } from '@/audit/audit.repository';
import { ImportRecord } from '@/users/import/import-row';
import { SourceRecord, UsersImport } from '@/users/import/users-import';
import { UsersImportRepository } from '@/users/import/users-import.repository';
import { bearer } from '@test/support/http';
import { basicAuth, createTestApp, TestApp } from '@test/support/test-app';

/**
 * Every hash format import:users takes verifies at every password login and
 * is replaced by an argon2id hash (today's parameters) at the first success.
 * The vectors are computed here with Node's crypto from the published
 * formats, never with the production hasher; the argon2id one is the
 * reference implementation's own test vector (phc-winner-argon2, test.c).
 */
const PASSWORD = 'Legacy pässword 1';

function identityV2(password: string): string {
  const salt = randomBytes(16);
  const subkey = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, 1000, 32, 'sha1');
  return Buffer.concat([Buffer.from([0x00]), salt, subkey]).toString('base64');
}

function identityV3(password: string): string {
  const salt = randomBytes(16);
  const iterations = 10_000;
  const subkey = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const header = Buffer.alloc(13);
  header[0] = 0x01;
  header.writeUInt32BE(1, 1); // HMACSHA256
  header.writeUInt32BE(iterations, 5);
  header.writeUInt32BE(salt.length, 9);
  return Buffer.concat([header, salt, subkey]).toString('base64');
}

/** ASP.NET Membership "Hashed": base64(SHA(salt bytes ++ UTF-16LE password)). */
function membership(algorithm: 'sha1' | 'sha256', password: string, encoding: 'base64' | 'hex') {
  const salt = randomBytes(16).toString('base64');
  const hash = createHash(algorithm)
    .update(Buffer.from(salt, 'base64'))
    .update(Buffer.from(password, 'utf16le'))
    .digest(encoding);
  return { password_hash: hash, password_salt: salt };
}

const FORMATS: Array<[string, (password: string) => ImportRecord, string]> = [
  ['aspnet-identity-v2', (p) => ({ password_hash: identityV2(p) }), PASSWORD],
  ['aspnet-identity-v3', (p) => ({ password_hash: identityV3(p) }), PASSWORD],
  ['membership-sha1', (p) => membership('sha1', p, 'base64'), PASSWORD],
  ['membership-sha256', (p) => membership('sha256', p, 'hex'), PASSWORD],
  [
    'argon2id',
    () => ({
      password_hash:
        '$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc',
    }),
    'password',
  ],
];

type Route = 'basic' | 'body' | 'v2';

describe('imported password hashes at login', () => {
  let testApp: TestApp;
  let nextId = 500_000;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  async function importOne(record: ImportRecord): Promise<{ id: number; username: string }> {
    const id = nextId++;
    const username = `imported-${id}`;
    async function* source(): AsyncGenerator<SourceRecord> {
      yield { line: 2, record: { legacy_id: String(id), username, ...record } };
    }
    const importer = new UsersImport(
      new UsersImportRepository(testApp.database.dataSource),
      new AuditRepository(testApp.database.dataSource),
    );
    const counts = await importer.run(source(), {
      dryRun: false,
      source: 'e2e',
      onRejected: (line, problems) => {
        throw new Error(`rejected: ${JSON.stringify(problems)}`);
      },
    });
    expect(counts.inserted).toBe(1);
    return { id, username };
  }

  async function storedHash(id: number): Promise<string | null> {
    const [row] = await testApp.database.dataSource.query(
      `SELECT password_hash FROM users WHERE id = $1`,
      [id],
    );
    return row.password_hash;
  }

  /** Logs in through one of the password routes: the status and the legacy UserID, or the refusal. */
  async function login(route: Route, username: string, password: string) {
    if (route === 'v2') {
      const res = await request(testApp.server)
        .post('/v2/sessions')
        .send({ checks: { user: { loginName: username }, password: { password } } });
      return res.status === 201 ? { status: res.status } : { status: res.status, body: res.body };
    }
    const req = request(testApp.server).post('/Auth/Login').set('Accept', 'application/json');
    const res =
      route === 'basic'
        ? await req.set('Authorization', basicAuth(username, password))
        : await req.send({ UserName: username, Password: password });
    if (res.status !== 200) return { status: res.status, body: res.body };
    return { status: res.status, userId: res.body.userID };
  }

  describe.each(FORMATS)('%s', (format, hashOf, password) => {
    it.each<Route>(['basic', 'body', 'v2'])(
      'logs in through %s, is upgraded to argon2id, and logs in again with the new hash',
      async (route) => {
        const { id, username } = await importOne({ hash_format: format, ...hashOf(password) });
        const imported = await storedHash(id);

        const wrong = await login(route, username, `${password}x`);
        expect(wrong.status).toBe(401);
        expect(await storedHash(id)).toBe(imported);

        const first = await login(route, username, password);
        expect(first.status).toBe(route === 'v2' ? 201 : 200);
        if (route !== 'v2') expect(first.userId).toBe(id);
        const upgraded = await storedHash(id);
        expect(upgraded).not.toBe(imported);
        expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

        const again = await login('basic', username, password);
        expect(again).toMatchObject({ status: 200, userId: id });
        expect(await storedHash(id)).toBe(upgraded);
      },
    );
  });

  it('a user imported without a hash cannot log in by password: the answer an unknown user gets', async () => {
    const { username } = await importOne({});
    for (const route of ['basic', 'body', 'v2'] as Route[]) {
      const imported = await login(route, username, PASSWORD);
      const unknown = await login(route, `nobody-${randomBytes(4).toString('hex')}`, PASSWORD);
      expect(imported.status).toBeGreaterThanOrEqual(400);
      expect(imported).toEqual(unknown);
    }
  });

  it('the legacy id is the id legacy clients name: kill-session by Id ends the imported user’s sessions', async () => {
    const { id, username } = await importOne({
      hash_format: 'aspnet-identity-v2',
      password_hash: identityV2(PASSWORD),
    });
    const token = (
      await request(testApp.server)
        .post('/Auth/Login')
        .set('Accept', 'application/json')
        .set('Authorization', basicAuth(username, PASSWORD))
        .expect(200)
    ).body.userToken;
    const res = await request(testApp.server)
      .post('/api/kill-session')
      .set('Authorization', bearer(token))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ Id: id }))
      .expect(200);
    expect(res.body).toMatchObject({ Success: true, Data: 1 });
  });
});
