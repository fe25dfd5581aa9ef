import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { UserEntity } from '@/users/entities/user.entity';
import { bearer, loginLegacy, rawParser } from '@test/support/http';
import {
  createTestApp,
  createUserWithPassword,
  TestApp,
  TEST_API_KEY,
} from '@test/support/test-app';
import { accessWorks } from '../races/race-helpers';

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

const ACME_KEY = 'acme-secret-0123456789abcdef';
const GLOBEX_KEY = 'globex-secret-0123456789abcdef';
/** Two named clients and one bare secret, named by its position. */
const API_CLIENT_KEYS = `acme:${ACME_KEY}, globex:${GLOBEX_KEY}, ${TEST_API_KEY}`;
const BARE_CLIENT = 'key3';

interface HandOverAnswer {
  status: number;
  /** The access token of the opened session (XML answers carry it). */
  token: string | null;
}

describe(`POST /api/Auth: federated identities, not local GUIDs (${backend})`, () => {
  let testApp: TestApp;
  let admin: UserEntity;

  beforeAll(async () => {
    testApp = await createTestApp({ API_CLIENT_KEYS });
    admin = await createUserWithPassword(testApp, {
      username: 'root@corp.test',
      roles: ['admin'],
      isOperator: true,
    });
  });
  afterAll(() => testApp.close());

  function userInfo(overrides: Record<string, unknown>) {
    return {
      first_name: 'Fed',
      last_name: 'Erated',
      email: null,
      is_admin: false,
      deleted: false,
      state_id: 1,
      ...overrides,
    };
  }

  async function handOver(key: string, info: Record<string, unknown>): Promise<HandOverAnswer> {
    const response = await request(testApp.server)
      .post('/api/Auth?IP=203.0.113.50')
      .set('X-Api-Key', key)
      .set('Content-Type', 'application/json')
      .set('Accept', 'application/xml')
      .buffer(true)
      .parse(rawParser)
      .send(JSON.stringify(userInfo(info)));
    const token = /<Token>([^<]+)<\/Token>/.exec(response.body.toString())?.[1] ?? null;
    return { status: response.status, token };
  }

  /** The local user a token's session belongs to. */
  async function ownerOf(token: string): Promise<{ userID: number; userName: string }> {
    const response = await request(testApp.server)
      .get('/Auth/Session')
      .set('Authorization', bearer(token))
      .expect(200);
    return { userID: response.body.userID, userName: response.body.userName };
  }

  async function linkedUserId(client: string, externalId: string): Promise<number | null> {
    const rows: Array<{ user_id: number }> = await testApp.database.dataSource.query(
      `SELECT user_id FROM federated_identities WHERE client = $1 AND external_id = $2`,
      [client, externalId],
    );
    return rows[0]?.user_id ?? null;
  }

  /** The audit events of one action about these external ids, oldest first. */
  async function auditOf(action: string, externalIds: string[]) {
    const rows: Array<{ subject_user_id: number | null; details: Record<string, unknown> }> =
      await testApp.database.dataSource.query(
        `SELECT subject_user_id, details FROM audit_events
          WHERE action = $1 AND details->>'externalId' = ANY($2) ORDER BY id`,
        [action, externalIds],
      );
    return rows;
  }

  /** Everything a hand-over could have changed on a user. */
  async function stateOf(userId: number) {
    const [row] = await testApp.database.dataSource.query(
      `SELECT username, email, first_name, last_name, profile, disabled_at, blocked_at, password_hash,
              (SELECT count(*)::int FROM sessions s WHERE s.user_id = u.id) AS sessions
         FROM users u WHERE id = $1`,
      [userId],
    );
    return row;
  }

  describe('the takeover of issue 9 (an administrator named by its GUID)', () => {
    it('admin GUID as id: no admin session, no change to the admin', async () => {
      const before = await stateOf(admin.id);
      const answer = await handOver(TEST_API_KEY, {
        id: admin.guid,
        first_name: 'Mallory',
        last_name: 'Owned',
        email: 'mallory@evil.test',
        is_admin: true,
      });
      expect(answer.status).toBe(200);
      const owner = await ownerOf(answer.token!);
      expect(owner.userID).not.toBe(admin.id);
      expect(owner.userName).not.toBe(admin.username);
      expect(await stateOf(admin.id)).toEqual(before);
      expect(before.sessions).toBe(0);
      // The id named a new person in that client's namespace, who holds no permission.
      const roles = await testApp.database.dataSource.query(
        `SELECT 1 FROM user_roles WHERE user_id = $1`,
        [owner.userID],
      );
      expect(roles).toEqual([]);
      await request(testApp.server)
        .get('/api/admin/v1/users')
        .set('Authorization', bearer(answer.token!))
        .expect(403);
    });

    it('deleted: true with the admin GUID: the admin stays active and keeps its sessions', async () => {
      const adminLogin = await loginLegacy(testApp, admin.username);
      const before = await stateOf(admin.id);
      const answer = await handOver(TEST_API_KEY, { id: admin.guid, deleted: true });
      expect(answer.status).toBe(401);
      expect(await stateOf(admin.id)).toEqual(before);
      expect(before.disabled_at).toBeNull();
      expect(await accessWorks(testApp, adminLogin.accessToken)).toBe(true);
    });

    it('an e-mail equal to the admin’s e-mail or username changes nothing for the admin', async () => {
      const before = await stateOf(admin.id);
      for (const email of [admin.email, admin.username, admin.username.toUpperCase()]) {
        const externalId = randomUUID();
        const answer = await handOver(ACME_KEY, { id: externalId, email, first_name: 'Eve' });
        expect(answer.status).toBe(200);
        const owner = await ownerOf(answer.token!);
        expect(owner.userID).not.toBe(admin.id);
        expect(owner.userID).toBe(await linkedUserId('acme', externalId));
      }
      expect(await stateOf(admin.id)).toEqual(before);
    });

    it('a local password account with the e-mail as username is neither linked nor changed', async () => {
      const local = await createUserWithPassword(testApp, { username: 'carol@corp.test' });
      const before = await stateOf(local.id);
      const externalId = randomUUID();
      const answer = await handOver(GLOBEX_KEY, {
        id: externalId,
        email: 'carol@corp.test',
        first_name: 'Not Carol',
      });
      expect(answer.status).toBe(200);
      const owner = await ownerOf(answer.token!);
      expect(owner.userID).not.toBe(local.id);
      // The e-mail is taken as a username: the new user gets `client:externalid` instead.
      expect(owner.userName).toBe(`globex:${externalId}`);
      expect(await stateOf(local.id)).toEqual(before);
      const gone = await handOver(GLOBEX_KEY, {
        id: externalId,
        email: 'carol@corp.test',
        deleted: true,
      });
      expect(gone.status).toBe(401);
      expect((await stateOf(local.id)).disabled_at).toBeNull();
    });
  });

  describe('each client speaks only for the people it provisioned', () => {
    it('the first hand-over creates and links a user; later ones update that user', async () => {
      const externalId = randomUUID();
      const first = await handOver(ACME_KEY, {
        id: externalId,
        email: `${externalId}@acme.test`,
        first_name: 'Ada',
      });
      expect(first.status).toBe(200);
      const userId = await linkedUserId('acme', externalId);
      expect(userId).not.toBeNull();
      expect((await ownerOf(first.token!)).userID).toBe(userId);
      expect(await stateOf(userId!)).toMatchObject({
        username: `${externalId}@acme.test`,
        first_name: 'Ada',
        password_hash: null,
      });

      const second = await handOver(ACME_KEY, {
        id: externalId.toUpperCase(),
        email: 'ada@new.test',
        first_name: 'Ada B.',
      });
      expect(second.status).toBe(200);
      expect((await ownerOf(second.token!)).userID).toBe(userId);
      expect(await stateOf(userId!)).toMatchObject({ email: 'ada@new.test', first_name: 'Ada B.' });
    });

    it('an e-mail that is no address is not taken as a username', async () => {
      const externalId = randomUUID();
      const answer = await handOver(ACME_KEY, { id: externalId, email: 'administrator' });
      expect(answer.status).toBe(200);
      expect((await ownerOf(answer.token!)).userName).toBe(`acme:${externalId}`);
    });

    it('two clients with the same external id get two distinct users', async () => {
      const externalId = randomUUID();
      const acme = await handOver(ACME_KEY, { id: externalId, email: 'same@both.test' });
      const globex = await handOver(GLOBEX_KEY, { id: externalId, email: 'same@both.test' });
      expect([acme.status, globex.status]).toEqual([200, 200]);
      const acmeUser = await linkedUserId('acme', externalId);
      const globexUser = await linkedUserId('globex', externalId);
      expect(acmeUser).not.toBeNull();
      expect(globexUser).not.toBeNull();
      expect(acmeUser).not.toBe(globexUser);
      expect((await ownerOf(acme.token!)).userID).toBe(acmeUser);
      expect((await ownerOf(globex.token!)).userID).toBe(globexUser);
      expect((await stateOf(globexUser!)).username).toBe(`globex:${externalId}`);
    });

    it('client B can neither update nor disable client A’s user', async () => {
      const externalId = randomUUID();
      const acme = await handOver(ACME_KEY, { id: externalId, first_name: 'Alice' });
      const acmeUser = (await linkedUserId('acme', externalId))!;
      const before = await stateOf(acmeUser);

      const update = await handOver(GLOBEX_KEY, { id: externalId, first_name: 'Mallory' });
      expect(update.status).toBe(200);
      expect((await ownerOf(update.token!)).userID).not.toBe(acmeUser);
      const disable = await handOver(GLOBEX_KEY, { id: externalId, deleted: true });
      expect(disable.status).toBe(401);

      expect(await stateOf(acmeUser)).toEqual(before);
      expect(await accessWorks(testApp, acme.token!)).toBe(true);
    });

    it('deleted: true disables only the linked user and ends its sessions', async () => {
      const externalId = randomUUID();
      const bystanderId = randomUUID();
      const sessions = [
        await handOver(ACME_KEY, { id: externalId }),
        await handOver(ACME_KEY, { id: externalId }),
      ];
      const bystander = await handOver(ACME_KEY, { id: bystanderId });
      const userId = (await linkedUserId('acme', externalId))!;

      const gone = await handOver(ACME_KEY, { id: externalId, deleted: true });
      expect(gone.status).toBe(401);
      expect((await stateOf(userId)).disabled_at).toBeInstanceOf(Date);
      for (const session of sessions)
        expect(await accessWorks(testApp, session.token!)).toBe(false);
      expect(await accessWorks(testApp, bystander.token!)).toBe(true);
      expect((await stateOf((await linkedUserId('acme', bystanderId))!)).disabled_at).toBeNull();

      const again = await handOver(ACME_KEY, { id: externalId });
      expect(again.status).toBe(401);
      const refused = await auditOf('login.failed', [externalId]);
      expect(refused.map((row) => row.details)).toEqual([
        expect.objectContaining({ client: 'acme', externalId, reason: 'deleted' }),
        expect.objectContaining({ client: 'acme', externalId, reason: 'disabled' }),
      ]);
      expect(refused.map((row) => row.subject_user_id)).toEqual([userId, userId]);
      const disabled = await auditOf('user.disabled', [externalId]);
      expect(disabled).toEqual([
        { subject_user_id: userId, details: expect.objectContaining({ client: 'acme' }) },
      ]);
    });

    it('deleted: true for an id the client never provisioned creates nobody', async () => {
      const externalId = randomUUID();
      const answer = await handOver(ACME_KEY, { id: externalId, deleted: true });
      expect(answer.status).toBe(401);
      expect(await linkedUserId('acme', externalId)).toBeNull();
    });

    it('a linked user an administrator gave a password is a local account: refused, unchanged', async () => {
      const externalId = randomUUID();
      await handOver(ACME_KEY, { id: externalId, first_name: 'Linked' });
      const userId = (await linkedUserId('acme', externalId))!;
      await testApp.users.setPasswordHash(userId, 'not-a-real-hash');
      const before = await stateOf(userId);
      expect((await handOver(ACME_KEY, { id: externalId, first_name: 'Changed' })).status).toBe(
        401,
      );
      expect((await handOver(ACME_KEY, { id: externalId, deleted: true })).status).toBe(401);
      expect(await stateOf(userId)).toEqual(before);
    });
  });

  describe('client names', () => {
    it('named and bare keys are both accepted, and the audit trail names the client', async () => {
      const named = randomUUID();
      const bare = randomUUID();
      expect((await handOver(GLOBEX_KEY, { id: named })).status).toBe(200);
      expect((await handOver(TEST_API_KEY, { id: bare })).status).toBe(200);
      const succeeded = await auditOf('login.succeeded', [named, bare]);
      expect(succeeded.map((row) => row.details)).toEqual([
        expect.objectContaining({ channel: 'api', client: 'globex', externalId: named }),
        expect.objectContaining({ channel: 'api', client: BARE_CLIENT, externalId: bare }),
      ]);
      const created = await auditOf('user.created', [named, bare]);
      expect(created.map((row) => row.details)).toEqual([
        expect.objectContaining({ client: 'globex', externalId: named }),
        expect.objectContaining({ client: BARE_CLIENT, externalId: bare }),
      ]);
      expect(await linkedUserId(BARE_CLIENT, bare)).toBe(created[1].subject_user_id);
      const everything = await testApp.database.dataSource.query(`SELECT * FROM audit_events`);
      const text = JSON.stringify(everything);
      for (const secret of [ACME_KEY, GLOBEX_KEY, TEST_API_KEY]) expect(text).not.toContain(secret);
    });

    it('the name alone, or a key with extra characters, is refused', async () => {
      for (const key of ['acme', `acme:${ACME_KEY}`, `${ACME_KEY}x`, ACME_KEY.slice(0, -1)]) {
        expect((await handOver(key, { id: randomUUID() })).status).toBe(401);
      }
    });
  });

  it('20 parallel first hand-overs of one external id create exactly one user', async () => {
    const externalId = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        handOver(ACME_KEY, { id: externalId, email: 'racer@acme.test', first_name: `Racer ${i}` }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    const [{ links }] = await testApp.database.dataSource.query(
      `SELECT count(*)::int AS links FROM federated_identities WHERE client = 'acme' AND external_id = $1`,
      [externalId],
    );
    expect(links).toBe(1);
    const userId = await linkedUserId('acme', externalId);
    const owners = await Promise.all(answers.map((answer) => ownerOf(answer.token!)));
    expect(new Set(owners.map((owner) => owner.userID))).toEqual(new Set([userId]));
    const [{ namesakes }] = await testApp.database.dataSource.query(
      `SELECT count(*)::int AS namesakes FROM users WHERE first_name LIKE 'Racer %'`,
    );
    expect(namesakes).toBe(1);
    expect((await stateOf(userId!)).sessions).toBe(20);
  });
});
