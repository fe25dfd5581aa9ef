import { RoleEntity } from '@/users/entities/role.entity';
import { UserEntity } from '@/users/entities/user.entity';
import { toAdminUser, toUserActionResponse } from './user.mapper';

const at = (text: string) => new Date(text);

function user(overrides: Partial<UserEntity> = {}): UserEntity {
  return Object.assign(new UserEntity(), {
    id: 7,
    guid: '90b10bb2-8c70-456f-b960-2251ae6d8778',
    username: 'user2',
    email: 'u2@example.test',
    firstName: 'Ana',
    lastName: null,
    passwordHash: '$argon2id$v=19$secret',
    passwordSalt: 'salt',
    passwordChangedAt: at('2024-01-01T00:00:00Z'),
    isOperator: false,
    failedLoginAttempts: 2,
    lockedUntil: null,
    lastSuccessLogin: at('2024-02-01T00:00:00Z'),
    blockedAt: at('2024-03-01T00:00:00Z'),
    disabledAt: null,
    activeSessionCount: 3,
    createdAt: at('2023-01-01T00:00:00Z'),
    updatedAt: at('2024-03-01T00:00:00Z'),
    roles: [
      Object.assign(new RoleEntity(), { name: 'user-manager' }),
      Object.assign(new RoleEntity(), { name: 'admin' }),
    ],
    ...overrides,
  });
}

describe('toAdminUser', () => {
  it('maps every member, roles sorted, blocked/disabled from their dates', () => {
    expect({ ...toAdminUser(user()) }).toEqual({
      ID: 7,
      UserGuid: '90b10bb2-8c70-456f-b960-2251ae6d8778',
      UserName: 'user2',
      Email: 'u2@example.test',
      FirstName: 'Ana',
      LastName: null,
      IsOperator: false,
      Roles: ['admin', 'user-manager'],
      Blocked: true,
      BlockedDate: at('2024-03-01T00:00:00Z'),
      Disabled: false,
      DisabledDate: null,
      LockedUntil: null,
      FailedLoginAttempts: 2,
      LastSuccessLogin: at('2024-02-01T00:00:00Z'),
      PasswordChangedDate: at('2024-01-01T00:00:00Z'),
      ActiveSessionCount: 3,
      CreationDate: at('2023-01-01T00:00:00Z'),
      LastUpdated: at('2024-03-01T00:00:00Z'),
    });
  });

  it('never carries the password hash or salt, even when the entity has them', () => {
    const text = JSON.stringify(toUserActionResponse(user(), 1));
    expect(text).not.toContain('argon2');
    expect(text).not.toContain('salt');
  });

  it('treats missing roles as none', () => {
    expect(toAdminUser(user({ roles: undefined })).Roles).toEqual([]);
  });
});
