import request from 'supertest';
import { UserEntity } from '@/users/entities/user.entity';
import { FederatedIdentitiesRepository } from '@/users/federated-identities.repository';
import { bearer, compressJson, loginLegacy, rawParser } from '@test/support/http';
import {
  createTestApp,
  createUserWithPassword,
  TestApp,
  TEST_API_KEY,
} from '@test/support/test-app';

const USER_INFO_NS = 'http://schemas.datacontract.org/2004/07/IO.Swagger.Models';
const GUID = '5c8131ab-8d9b-4aa0-875d-8f1f1bf16a0c';
/** TEST_API_KEY is a bare secret, first in API_CLIENT_KEYS: client `key1`. */
const CLIENT = 'key1';

function userInfo(overrides: Record<string, unknown> = {}) {
  return {
    id: GUID,
    first_name: 'Lucía',
    last_name: 'García',
    email: 'lucia@example.test',
    is_admin: false,
    birthdate: '1990-07-14T22:00:00Z',
    deleted: false,
    state_id: 1,
    ...overrides,
  };
}

describe('POST /api/Auth?IP= (seed 003) and POST /api/kill-session (seed 000)', () => {
  let testApp: TestApp;
  let manager: UserEntity;
  let plain: UserEntity;

  beforeAll(async () => {
    testApp = await createTestApp();
    manager = await createUserWithPassword(testApp, { roles: ['session-manager'] });
    plain = await createUserWithPassword(testApp);
  });
  afterAll(() => testApp.close());

  /** The local user the test client's hand-overs of `externalId` reach. */
  async function linkedUser(externalId: string): Promise<UserEntity | null> {
    const link = await new FederatedIdentitiesRepository(testApp.database.dataSource).find(
      CLIENT,
      externalId,
    );
    return link && testApp.users.findById(link.userId);
  }

  describe('api/Auth', () => {
    it('creates a user linked to the client’s id, opens a session bound to IP and answers UserLogged (JSON)', async () => {
      const response = await request(testApp.server)
        .post('/api/Auth?IP=203.0.113.9')
        .set('X-Api-Key', TEST_API_KEY)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(userInfo()))
        .expect(200);
      expect(Object.keys(response.body)).toEqual([
        'role',
        'date_od_last_activity',
        'ip',
        'group_id',
        'group_role',
        'full_name',
        'id',
        'image_id',
        'id_user_work_position',
        'id_shift',
        'code',
        'code2',
        'title',
        'introduction',
        'first_name',
        'last_name',
      ]);
      expect(response.body).toMatchObject({
        role: 2,
        ip: '203.0.113.9',
        group_id: null,
        full_name: 'García Lucía',
        id: GUID,
        first_name: 'Lucía',
        last_name: 'García',
      });
      expect(response.body.date_od_last_activity).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const user = await linkedUser(GUID);
      expect(user).toMatchObject({ username: 'lucia@example.test', email: 'lucia@example.test' });
      expect(user?.guid).not.toBe(GUID);
      expect(user?.activeSessionCount).toBeGreaterThanOrEqual(1);
    });

    it.each([
      [
        'ISO with seven fraction digits',
        '"1990-07-14T22:00:00.1234567Z"',
        '1990-07-14T22:00:00.1234567Z',
      ],
      ['DataContractJsonSerializer', '"\\/Date(648000000123-0600)\\/"', '1990-07-15T00:00:00.123Z'],
    ])('keeps a birthdate sent as %s exactly', async (_form, birthdate, stored) => {
      const guid = '9a3c1f0e-2b4d-4e6f-8a1b-3c5d7e9f0a2b';
      const body = JSON.stringify(userInfo({ id: guid, birthdate: 'X' })).replace('"X"', birthdate);
      await request(testApp.server)
        .post('/api/Auth?IP=203.0.113.10')
        .set('X-Api-Key', TEST_API_KEY)
        .set('Content-Type', 'application/json')
        .send(body)
        .expect(200);
      expect((await linkedUser(guid))?.profile.birthdate).toBe(stored);
    });

    it('updates the same user from an XML body and answers XML with the Token', async () => {
      const xml = `<UserInfo xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="${USER_INFO_NS}"><deleted>false</deleted><first_name>Lucy</first_name><id>${GUID}</id><last_name>García</last_name><state_id>1</state_id></UserInfo>`;
      const response = await request(testApp.server)
        .post('/api/Auth?IP=198.51.100.7')
        .set('X-Api-Key', TEST_API_KEY)
        .set('Content-Type', 'application/xml')
        .set('Accept', 'application/xml')
        .buffer(true)
        .parse(rawParser)
        .send(xml)
        .expect(200);
      const text = response.body.toString();
      expect(
        text.startsWith(
          `<UserLogged xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="${USER_INFO_NS}">`,
        ),
      ).toBe(true);
      expect(text).toContain('<first_name>Lucy</first_name>');
      expect(text).toContain('<IP>198.51.100.7</IP>');
      const token = /<Token>([^<]+)<\/Token>/.exec(text)![1];
      const session = await request(testApp.server)
        .get('/Auth/Session')
        .set('Authorization', bearer(token))
        .expect(200);
      expect(session.body.userName).toBe('lucia@example.test');
      expect((await linkedUser(GUID))?.firstName).toBe('Lucy');
    });

    it('accepts compressed JSON bodies', async () => {
      await request(testApp.server)
        .post('/api/Auth?IP=10.1.1.1')
        .set('X-Api-Key', TEST_API_KEY)
        .set('Content-Type', 'application/x-compressed-json')
        .send(compressJson(userInfo({ id: '00000000-0000-0000-0000-000000000042', email: null })))
        .expect(200);
      expect((await linkedUser('00000000-0000-0000-0000-000000000042'))?.username).toBe(
        `${CLIENT}:00000000-0000-0000-0000-000000000042`,
      );
    });

    it('refuses a missing or wrong X-Api-Key with 401 and a missing IP with 400', async () => {
      await request(testApp.server).post('/api/Auth?IP=1.2.3.4').send(userInfo()).expect(401);
      await request(testApp.server)
        .post('/api/Auth?IP=1.2.3.4')
        .set('X-Api-Key', 'nope')
        .send(userInfo())
        .expect(401);
      const response = await request(testApp.server)
        .post('/api/Auth')
        .set('X-Api-Key', TEST_API_KEY)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(userInfo()))
        .expect(400);
      expect(response.body).toEqual({
        Message: 'The request is invalid.',
        ModelState: { IP: ['The IP field is required.'] },
      });
    });

    it('answers 400 when an IsRequired member is missing, in JSON and in XML', async () => {
      const { state_id: _omit, ...withoutState } = userInfo();
      await request(testApp.server)
        .post('/api/Auth?IP=1.2.3.4')
        .set('X-Api-Key', TEST_API_KEY)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(withoutState))
        .expect(400);
      await request(testApp.server)
        .post('/api/Auth?IP=1.2.3.4')
        .set('X-Api-Key', TEST_API_KEY)
        .set('Content-Type', 'application/xml')
        .send(
          `<UserInfo xmlns="${USER_INFO_NS}"><deleted>false</deleted><id>${GUID}</id></UserInfo>`,
        )
        .expect(400);
    });

    it('refuses a user the caller marks deleted, and disables it', async () => {
      const send = (deleted: boolean) =>
        request(testApp.server)
          .post('/api/Auth?IP=1.2.3.4')
          .set('X-Api-Key', TEST_API_KEY)
          .set('Content-Type', 'application/json')
          .send(
            JSON.stringify(
              userInfo({
                id: '00000000-0000-0000-0000-0000000000dd',
                email: 'gone@example.test',
                deleted,
              }),
            ),
          );
      await send(false).expect(200);
      await send(true).expect(401);
      expect((await linkedUser('00000000-0000-0000-0000-0000000000dd'))?.disabledAt).toBeInstanceOf(
        Date,
      );
    });
  });

  describe('kill-session', () => {
    it('ends all of one’s own sessions, by Username, and answers the count', async () => {
      const first = await loginLegacy(testApp, plain.username);
      const second = await loginLegacy(testApp, plain.username);
      const response = await request(testApp.server)
        .post('/api/kill-session')
        .set('Authorization', bearer(first.accessToken))
        .set('Content-Type', 'application/json')
        .send(
          JSON.stringify({ Id: 0, Username: plain.username, Password: 'ignored-and-never-echoed' }),
        )
        .expect(200);
      expect(response.text).toBe('{"Success":true,"Message":"2 session(s) ended.","Data":2}');
      await request(testApp.server)
        .get('/Auth/Session')
        .set('Authorization', bearer(second.accessToken))
        .expect(401);
    });

    it('lets a holder of session.delete end someone else’s sessions by Id (XML body, XML answer)', async () => {
      const victim = await loginLegacy(testApp, plain.username);
      const admin = await loginLegacy(testApp, manager.username);
      const response = await request(testApp.server)
        .post('/api/kill-session')
        .set('Authorization', bearer(admin.accessToken))
        .set('Content-Type', 'application/xml')
        .set('Accept', 'application/xml')
        .buffer(true)
        .parse(rawParser)
        .send(
          `<UsuarioDto xmlns="http://schemas.datacontract.org/2004/07/Model.Dto"><Id>${plain.id}</Id><Password>secret</Password></UsuarioDto>`,
        )
        .expect(200);
      expect(response.body.toString()).toBe(
        '<GenericResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/API.Helpers"><Data xmlns:d2p1="http://www.w3.org/2001/XMLSchema" i:type="d2p1:int">1</Data><Message>1 session(s) ended.</Message><Success>true</Success></GenericResponse>',
      );
      await request(testApp.server)
        .get('/Auth/Session')
        .set('Authorization', bearer(victim.accessToken))
        .expect(401);
    });

    it('forbids ending another user’s sessions without session.delete', async () => {
      const caller = await loginLegacy(testApp, plain.username);
      await loginLegacy(testApp, manager.username);
      await request(testApp.server)
        .post('/api/kill-session')
        .set('Authorization', bearer(caller.accessToken))
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send(`IdUser=${manager.id}`)
        .expect(403);
      expect((await testApp.users.findById(manager.id))?.activeSessionCount).toBeGreaterThan(0);
    });

    it('needs a bearer token and a named user', async () => {
      await request(testApp.server).post('/api/kill-session').send({ Id: 1 }).expect(401);
      const caller = await loginLegacy(testApp, plain.username);
      const response = await request(testApp.server)
        .post('/api/kill-session')
        .set('Authorization', bearer(caller.accessToken))
        .set('Content-Type', 'application/json')
        .send('{"Id":0,"IdUser":0}')
        .expect(400);
      expect(response.body.ModelState).toEqual({
        'usuario.Id': ['Name the user by Id, IdUser or Username.'],
      });
    });
  });
});
