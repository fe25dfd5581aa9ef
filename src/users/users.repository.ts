import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { offsetOf, Page, PageRequest } from '@/common/paging/page';
import { RoleEntity } from './entities/role.entity';
import { UserEntity } from './entities/user.entity';

export interface NewUser {
  username: string;
  passwordHash: string | null;
  passwordSalt?: string | null;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  isOperator?: boolean;
  guid?: string;
  roles?: string[];
  profile?: Record<string, unknown>;
}

/** What a login needs to check a password; only PasswordHasher reads `hash`. */
export interface LoginCandidate {
  user: UserEntity;
  password: { hash: string; salt: string | null } | null;
}

export interface FailedLoginOutcome {
  failedLoginAttempts: number;
  lockedUntil: Date | null;
}

export interface LockoutPolicy {
  threshold: number;
  baseSeconds: number;
  maxSeconds: number;
}

/** The user aggregate: the user row, its roles, and its credentials. */
@Injectable()
export class UsersRepository {
  private readonly users: Repository<UserEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.users = dataSource.getRepository(UserEntity);
  }

  /** Inserts the user and its role links in one transaction. */
  async create(input: NewUser): Promise<UserEntity> {
    return this.dataSource.transaction(async (tx) => {
      const user = await tx.getRepository(UserEntity).save(
        tx.getRepository(UserEntity).create({
          guid: input.guid ?? randomUUID(),
          username: input.username,
          email: input.email ?? null,
          firstName: input.firstName ?? null,
          lastName: input.lastName ?? null,
          passwordHash: input.passwordHash,
          passwordSalt: input.passwordSalt ?? null,
          passwordChangedAt: input.passwordHash ? new Date() : null,
          isOperator: input.isOperator ?? false,
          profile: input.profile ?? {},
        }),
      );
      await this.assignRoles(tx, user.id, input.roles ?? []);
      return this.requireById(tx, user.id);
    });
  }

  /** Creates the first administrator only if the table is empty (atomic under concurrent starts). */
  async createIfNoUsers(input: NewUser): Promise<UserEntity | null> {
    return this.dataSource.transaction(async (tx) => {
      // A transaction-scoped advisory lock serialises concurrent first starts.
      await tx.query(`SELECT pg_advisory_xact_lock(72707301)`);
      const [{ exists }] = await tx.query(`SELECT EXISTS (SELECT 1 FROM users) AS exists`);
      if (exists) return null;
      const user = await tx.getRepository(UserEntity).save(
        tx.getRepository(UserEntity).create({
          guid: input.guid ?? randomUUID(),
          username: input.username,
          passwordHash: input.passwordHash,
          passwordChangedAt: new Date(),
          isOperator: input.isOperator ?? false,
          profile: {},
        }),
      );
      await this.assignRoles(tx, user.id, input.roles ?? []);
      return this.requireById(tx, user.id);
    });
  }

  findById(id: number): Promise<UserEntity | null> {
    return this.users.findOne({ where: { id }, relations: { roles: true } });
  }

  findByGuid(guid: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { guid }, relations: { roles: true } });
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.roles', 'r')
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
  }

  async findLoginCandidate(username: string): Promise<LoginCandidate | null> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect(['u.passwordHash', 'u.passwordSalt'])
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
    if (!user) return null;
    const password = user.passwordHash
      ? { hash: user.passwordHash, salt: user.passwordSalt }
      : null;
    delete (user as Partial<UserEntity>).passwordHash;
    delete (user as Partial<UserEntity>).passwordSalt;
    return { user, password };
  }

  count(): Promise<number> {
    return this.users.count();
  }

  /** Permission names granted through the user's roles, sorted. */
  async permissionsOf(userId: number): Promise<string[]> {
    const rows: Array<{ permission: string }> = await this.dataSource.query(
      `SELECT DISTINCT rp.permission FROM user_roles ur
         JOIN role_permissions rp ON rp.role_id = ur.role_id
        WHERE ur.user_id = $1 ORDER BY rp.permission`,
      [userId],
    );
    return rows.map((row) => row.permission);
  }

  /**
   * Counts a failed login and, at the threshold, locks the account for a
   * period that doubles with each further failure. One UPDATE, so parallel
   * failures never lose a count.
   */
  async recordFailedLogin(userId: number, policy: LockoutPolicy): Promise<FailedLoginOutcome> {
    const [rows] = await this.dataSource.query(
      `UPDATE users SET
          failed_login_attempts = failed_login_attempts + 1,
          locked_until = CASE
            WHEN failed_login_attempts + 1 >= $2 THEN now() + make_interval(secs =>
              LEAST($4::float8, $3::float8 * power(2, LEAST(failed_login_attempts + 1 - $2, 30))))
            ELSE locked_until END,
          updated_at = now()
        WHERE id = $1
        RETURNING failed_login_attempts, locked_until`,
      [userId, policy.threshold, policy.baseSeconds, policy.maxSeconds],
    );
    const row = rows[0];
    return { failedLoginAttempts: row.failed_login_attempts, lockedUntil: row.locked_until };
  }

  async recordSuccessfulLogin(userId: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE users SET failed_login_attempts = 0, locked_until = NULL, last_success_login = now(), updated_at = now()
        WHERE id = $1`,
      [userId],
    );
  }

  async setPasswordHash(userId: number, hash: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE users SET password_hash = $2, password_salt = NULL, password_changed_at = now(), updated_at = now()
        WHERE id = $1`,
      [userId, hash],
    );
  }

  async list(search: string | undefined, page: PageRequest): Promise<Page<UserEntity>> {
    const query = this.users.createQueryBuilder('u').leftJoinAndSelect('u.roles', 'r');
    if (search)
      query.where(`lower(u.username) LIKE :pattern`, {
        pattern: `%${escapeLike(search.toLowerCase())}%`,
      });
    const [items, totalCount] = await query
      .orderBy('u.id', 'ASC')
      .skip(offsetOf(page))
      .take(page.pageSize)
      .getManyAndCount();
    return { items, totalCount, ...page };
  }

  private async assignRoles(tx: EntityManager, userId: number, roleNames: string[]): Promise<void> {
    if (roleNames.length === 0) return;
    const roles = await tx
      .getRepository(RoleEntity)
      .createQueryBuilder('r')
      .where('r.name IN (:...names)', { names: roleNames })
      .getMany();
    const missing = roleNames.filter((name) => !roles.some((role) => role.name === name));
    if (missing.length > 0) throw new Error(`unknown roles: ${missing.join(', ')}`);
    await tx.query(
      `INSERT INTO user_roles (user_id, role_id) SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING`,
      [userId, roles.map((role) => role.id)],
    );
  }

  private async requireById(tx: EntityManager, id: number): Promise<UserEntity> {
    return tx
      .getRepository(UserEntity)
      .findOneOrFail({ where: { id }, relations: { roles: true } });
  }
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
