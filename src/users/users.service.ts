import { Injectable } from '@nestjs/common';
import { DomainError } from '@/common/errors/domain-error';
import { PasswordHasher, validatePasswordPolicy } from '@/auth/passwords/password-hasher';
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

const USERNAME = /^[^\s\u0000-\u001f]{1,256}$/u;

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

  private assertValid(username: string, password: string): void {
    if (!USERNAME.test(username)) {
      throw new DomainError(
        'InvalidArgument',
        'InvalidUsername',
        'username must be 1 to 256 characters without spaces',
      );
    }
    const problem = validatePasswordPolicy(password);
    if (problem) throw new DomainError('InvalidArgument', 'InvalidPassword', problem);
  }
}
