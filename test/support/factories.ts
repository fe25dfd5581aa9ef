import { randomBytes } from 'node:crypto';
import { NewSession, SessionsRepository } from '@/sessions/sessions.repository';
import { UserEntity } from '@/users/entities/user.entity';
import { NewUser, UsersRepository } from '@/users/users.repository';

let sequence = 0;

export function uniqueName(prefix = 'user'): string {
  sequence += 1;
  return `${prefix}-${sequence}-${randomBytes(3).toString('hex')}`;
}

export function buildUser(overrides: Partial<NewUser> = {}): NewUser {
  return {
    username: uniqueName(),
    passwordHash: null,
    email: 'person@example.test',
    firstName: 'Ana',
    lastName: 'López',
    ...overrides,
  };
}

export function buildSession(userId: number, overrides: Partial<NewSession> = {}): NewSession {
  const now = Date.now();
  return {
    userId,
    channel: 'legacy',
    expiresAt: new Date(now + 30 * 60_000),
    absoluteExpiresAt: new Date(now + 12 * 3600_000),
    ip: '127.0.0.1',
    userAgent: 'factory',
    ...overrides,
  };
}

export async function createUser(
  users: UsersRepository,
  overrides: Partial<NewUser> = {},
): Promise<UserEntity> {
  return users.create(buildUser(overrides));
}

export function tokenHash(): string {
  return randomBytes(32).toString('hex');
}

export async function createSession(
  sessions: SessionsRepository,
  userId: number,
  overrides: Partial<NewSession> = {},
) {
  return sessions.create(buildSession(userId, overrides), [{ hash: tokenHash(), kind: 'refresh' }]);
}
