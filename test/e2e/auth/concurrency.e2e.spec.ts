import request from 'supertest';
import { UserEntity } from '@/users/entities/user.entity';
import { loginLegacy } from '@test/support/http';
import {
  basicAuth,
  createTestApp,
  createUserWithPassword,
  TestApp,
  TEST_PASSWORD,
} from '@test/support/test-app';

/** Races on a real database (PGlite here, PostgreSQL in CI's second pass). */
describe('concurrency on the login and refresh paths', () => {
  let testApp: TestApp;
  let user: UserEntity;

  beforeAll(async () => {
    testApp = await createTestApp({ LOCKOUT_THRESHOLD: '1000' });
    user = await createUserWithPassword(testApp);
  });
  afterAll(() => testApp.close());

  it('20 parallel refreshes with one token: exactly one wins', async () => {
    const login = await loginLegacy(testApp, user.username);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(testApp.server).post('/Auth/Refresh').set('X-Refresh-Token', login.refreshToken),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 401)).toHaveLength(19);
  });

  it('50 parallel wrong passwords count 50', async () => {
    const target = await createUserWithPassword(testApp);
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        request(testApp.server)
          .post('/Auth/Login')
          .set('Authorization', basicAuth(target.username, 'wrong password!')),
      ),
    );
    expect(responses.every((response) => response.status === 401)).toBe(true);
    expect((await testApp.users.findById(target.id))?.failedLoginAttempts).toBe(50);
  });

  it('100 parallel logins give 100 distinct sessions', async () => {
    const target = await createUserWithPassword(testApp);
    const responses = await Promise.all(
      Array.from({ length: 100 }, () =>
        request(testApp.server)
          .post('/Auth/Login')
          .set('Authorization', basicAuth(target.username, TEST_PASSWORD)),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(100).fill(200));
    const ids = new Set(responses.map((response) => response.body.sessionID));
    expect(ids.size).toBe(100);
    expect((await testApp.users.findById(target.id))?.activeSessionCount).toBe(100);
  });
});
