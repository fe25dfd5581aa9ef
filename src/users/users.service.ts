import { Injectable } from '@nestjs/common';
import { DomainError } from '@/platform/errors/domain-error';
import { isStorableText } from '@/platform/text/storable-text';
import { PasswordHasher, validatePasswordPolicy } from '@/users/passwords/password-hasher';
import { UserEntity } from './entities/user.entity';
import { UsersRepository } from './users.repository';

export interface CreateUserCommand {
  username: string;
  password: string;
  admin?: boolean;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  roles?: string[];
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what a username may not hold
const USERNAME = /^[^\s\u0000-\u001f]{1,256}$/u;

/** 1 to 256 characters without spaces or control characters. */
export const isValidUsername = (username: string): boolean => USERNAME.test(username);

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async create(command: CreateUserCommand): Promise<UserEntity> {
    this.assertValid(command.username, command.password);
    if (await this.users.findByUsername(command.username)) {
      throw new DomainError(
        'AlreadyExists',
        'UserExists',
        `user "${command.username}" already exists`,
      );
    }
    const roles = new Set(command.roles ?? []);
    if (command.admin) roles.add('admin');
    return this.users.create({
      username: command.username,
      passwordHash: await this.hasher.hash(command.password),
      email: command.email,
      firstName: command.firstName,
      lastName: command.lastName,
      isOperator: command.admin ?? false,
      roles: [...roles],
    });
  }

  /** The first administrator, created only when the database has no user at all. */
  async createFirstAdministrator(username: string, password: string): Promise<UserEntity | null> {
    this.assertValid(username, password);
    return this.users.createIfNoUsers({
      username,
      passwordHash: await this.hasher.hash(password),
      isOperator: true,
      roles: ['admin'],
    });
  }

  /**
   * Admin create: like `create`, with the operator flag independent of the
   * roles. A username taken concurrently (unique index) is the same 409.
   */
  async createAccount(command: CreateUserCommand & { isOperator: boolean }): Promise<UserEntity> {
    this.assertValid(command.username, command.password);
    const exists = () =>
      new DomainError('AlreadyExists', 'UserExists', `user "${command.username}" already exists`);
    if (await this.users.findByUsername(command.username)) throw exists();
    const passwordHash = await this.hasher.hash(command.password);
    try {
      return await this.users.create({
        username: command.username,
        passwordHash,
        email: command.email,
        firstName: command.firstName,
        lastName: command.lastName,
        isOperator: command.isOperator,
        roles: command.roles ?? [],
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw exists();
      throw error;
    }
  }

  /** Sets a new password (policy checked, argon2id); the caller ends the user's sessions. */
  async resetPassword(userId: number, password: string): Promise<void> {
    const problem = validatePasswordPolicy(password);
    if (problem) throw new DomainError('InvalidArgument', 'InvalidPassword', problem);
    await this.users.resetPasswordHash(userId, await this.hasher.hash(password));
  }

  /** Throws `InvalidUsername` unless `username` is 1..256 storable characters without spaces. */
  assertValidUsername(username: string): void {
    if (!USERNAME.test(username) || !isStorableText(username)) {
      throw new DomainError(
        'InvalidArgument',
        'InvalidUsername',
        'username must be 1 to 256 characters without spaces',
      );
    }
  }

  private assertValid(username: string, password: string): void {
    this.assertValidUsername(username);
    const problem = validatePasswordPolicy(password);
    if (problem) throw new DomainError('InvalidArgument', 'InvalidPassword', problem);
  }
}
