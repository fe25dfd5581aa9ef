import request from 'supertest';
import { UserEntity } from '@/users/entities/user.entity';
import { bearer, loginLegacy } from '@test/support/http';
import { createTestApp, createUserWithPassword, TestApp } from '@test/support/test-app';

const NS = 'http://schemas.datacontract.org/2004/07/Model.Dto';

/**
 * DataContractSerializer skips a member that comes after a later one, so
 * `<Username>..</Username><Id>..</Id>` binds Id = 0 and kill-session falls
 * back to the Username (the caller's own). Binding the Id there ended another
 * user's sessions.
 */
describe('POST /api/kill-session reads XML in DataContractSerializer member order', () => {
  let testApp: TestApp;
  let manager: UserEntity;
  let victim: UserEntity;

  beforeAll(async () => {
    testApp = await createTestApp();
    manager = await createUserWithPassword(testApp, { roles: ['session-manager'] });
    victim = await createUserWithPassword(testApp);
  });
  afterAll(() => testApp.close());

  it('an Id after Username binds nothing: the caller’s own sessions end, not the Id’s owner’s', async () => {
    const victimSession = await loginLegacy(testApp, victim.username);
    const caller = await loginLegacy(testApp, manager.username);
    await request(testApp.server)
      .post('/api/kill-session')
      .set('Authorization', bearer(caller.accessToken))
      .set('Content-Type', 'application/xml')
      .send(
        `<UsuarioDto xmlns="${NS}"><Username>${manager.username}</Username><Id>${victim.id}</Id></UsuarioDto>`,
      )
      .expect(200);
    await request(testApp.server)
      .get('/Auth/Session')
      .set('Authorization', bearer(victimSession.accessToken))
      .expect(200);
    await request(testApp.server)
      .get('/Auth/Session')
      .set('Authorization', bearer(caller.accessToken))
      .expect(401);
  });
});
