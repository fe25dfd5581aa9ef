import { SessionEntity } from '@/sessions/entities/session.entity';
import { UserEntity } from '@/users/entities/user.entity';
import { parseActiveUsersSort } from './active-users-sort';
import { AuthenticatedSession } from './session.contract';
import { toActiveSessionUser, toAuthenticatedSession } from './session.mapper';

const owner = Object.assign(new UserEntity(), {
  id: 4,
  guid: '83bde819-ec08-4cee-b635-884145630d0b',
  username: 'user',
  isOperator: true,
});

describe('session mappers', () => {
  it('maps an active-user summary to the seed-002 row', () => {
    expect({
      ...toActiveSessionUser({
        userId: 9,
        userGuid: owner.guid,
        userName: 'user',
        isOperator: false,
        sessionCount: 4,
      }),
    }).toEqual({ UserGuid: owner.guid, UserName: 'user', SessionCount: 4, IsOperator: false });
  });

  it('maps a session and its owner, with the seed placeholders for unknown devices', () => {
    const session = Object.assign(new SessionEntity(), {
      id: 275,
      userId: 4,
      lastUpdatedAt: new Date('2020-09-21T10:42:50.123Z'),
      expiresAt: new Date('2020-09-23T10:42:50Z'),
      smartphone: null,
      operatingSystem: null,
      application: 'Chrome- v. 120',
    });
    const row = toAuthenticatedSession(session, owner);
    expect(row).toBeInstanceOf(AuthenticatedSession);
    expect({ ...row }).toEqual({
      ID: 275,
      UserID: 4,
      UserGuid: owner.guid,
      LastUpdated: session.lastUpdatedAt,
      ExpirationDate: session.expiresAt,
      UserName: 'user',
      IsOperator: true,
      Smartphone: '-',
      OperatingSystem: 'Other- v. ',
      Application: 'Chrome- v. 120',
    });
  });
});

describe('parseActiveUsersSort', () => {
  it.each([
    [{}, 'count'],
    [{ sort: '' }, 'count'],
    [{ sort: 'COUNT' }, 'count'],
    [{ Sort: 'name' }, 'name'],
  ])('%j → %s', (query, sort) => {
    expect(parseActiveUsersSort(query)).toBe(sort);
  });

  it('rejects anything else with InvalidSort', () => {
    expect(() => parseActiveUsersSort({ sort: 'id' })).toThrow(
      expect.objectContaining({ code: 'InvalidSort' }),
    );
  });
});
