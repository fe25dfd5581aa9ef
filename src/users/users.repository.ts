import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { UserEventType } from '@/events/event-catalogue';
import { insertUserEvents, isoSql } from '@/events/outbox-sql';
import { offsetOf, Page, PageRequest } from '@/platform/paging/page';
import { RoleEntity } from './entities/role.entity';
import { UserEntity } from './entities/user.entity';
import {
  storedUsernameKey,
  usernameKey,
  USERNAME_SEARCH_KEY,
  usernameSearchPattern,
} from './username-key';

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
  /** Provisioned by a trusted client (`POST api/Auth`): that client vouches for the person, not a password. */
  federated: boolean;
}

export interface FailedLoginOutcome {
  failedLoginAttempts: number;
  lockedUntil: Date | null;
}

export interface LockoutPolicy {
  threshold: number;
  baseSeconds: number;
  maxSeconds: number;
  reservationSeconds: number;
}

/** One password check in flight for a user (see reserveLoginAttempt). */
export interface LoginReservation {
  userId: number;
  id: string;
}

const NOW_EPOCH = 'extract(epoch FROM now())';
/** The user's reserved checks that have not run out. */
const LIVE_RESERVATIONS = `jsonb_path_query_array(login_reservations, '$[*] ? (@.until > $now)',
  jsonb_build_object('now', ${NOW_EPOCH}))`;
/** The live reservations but the statement's own (its id is parameter $2). */
const OTHER_LIVE_RESERVATIONS = `jsonb_path_query_array(login_reservations,
  '$[*] ? (@.until > $now && @.id != $id)', jsonb_build_object('now', ${NOW_EPOCH}, 'id', $2::text))`;
const UNLOCKED = '(locked_until IS NULL OR locked_until <= now())';
/** Sets user $1's password hash to $2; a CTE `changed` (id, guid) for the statement that follows. */
const SET_PASSWORD = `WITH changed AS (
  UPDATE users SET password_hash = $2, password_salt = NULL, password_changed_at = now(), updated_at = now()
   WHERE id = $1 RETURNING id, guid)`;
/** The user `u` is linked to a trusted client's identity (see FederatedIdentitiesRepository). */
const FEDERATED = 'EXISTS (SELECT 1 FROM federated_identities f WHERE f.user_id = u.id)';

/** Admin edit of a user; `undefined` leaves the field unchanged, `roles` replaces the whole set. */
export interface AccountPatch {
  username?: string;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  isOperator?: boolean;
  roles?: string[];
}

export interface UserIdentity {
  guid: string;
  username: string;
}

/** A block, unblock or disable: done, already so (nothing changed), or refused to keep an administrator. */
export type StateChange = 'changed' | 'unchanged' | 'lastAdministrator';

export type AccountUpdate =
  | { outcome: 'updated'; user: UserEntity }
  | { outcome: 'notFound' }
  | { outcome: 'lastAdministrator' };

/** `alias` holds the `admin` permission through one of its roles. */
const isAdministrator = (alias: string) =>
  `EXISTS (SELECT 1 FROM user_roles ur JOIN role_permissions rp ON rp.role_id = ur.role_id
            WHERE ur.user_id = ${alias}.id AND rp.permission = 'admin')`;
const isActive = (alias: string) => `${alias}.blocked_at IS NULL AND ${alias}.disabled_at IS NULL`;

/** Some user other than `users` (the row being changed) is an active administrator. */
const ANOTHER_ACTIVE_ADMINISTRATOR = `EXISTS (SELECT 1 FROM users o
   WHERE o.id <> users.id AND ${isActive('o')} AND ${isAdministrator('o')})`;

/**
 * Every change that can take an active administrator away (block, disable, a
 * role change) takes this transaction-scoped lock first, so two of them never
 * both see the other administrator still active (READ COMMITTED alone would
 * let two admins blocking each other both succeed).
 */
const ADMINISTRATORS_LOCK = `SELECT pg_advisory_xact_lock(72707302)`;

class KeepsLastAdministrator extends Error {}

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
          usernameKey: storedUsernameKey(input.username),
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
          usernameKey: storedUsernameKey(input.username),
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

  /** By normalised name (usernameKey); a name no account can have finds nobody without a query. */
  async findByUsername(username: string): Promise<UserEntity | null> {
    const key = usernameKey(username);
    if (key === null) return null;
    return this.users
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.roles', 'r')
      .where('u.username_key = :key', { key })
      .getOne();
  }

  async findLoginCandidate(username: string): Promise<LoginCandidate | null> {
    const key = usernameKey(username);
    if (key === null) return null;
    const { entities, raw } = await this.users
      .createQueryBuilder('u')
      .addSelect(['u.passwordHash', 'u.passwordSalt'])
      .addSelect(FEDERATED, 'federated')
      .where('u.username_key = :key', { key })
      .getRawAndEntities<{ federated: boolean }>();
    const [user] = entities;
    if (!user) return null;
    const password = user.passwordHash
      ? { hash: user.passwordHash, salt: user.passwordSalt }
      : null;
    delete (user as Partial<UserEntity>).passwordHash;
    delete (user as Partial<UserEntity>).passwordSalt;
    return { user, password, federated: raw[0].federated === true };
  }

  /**
   * A user with only a name and a password hash (no roles, no operator flag),
   * unless the name's key is taken: one INSERT, so of parallel creations of
   * one name exactly one succeeds and the others get null.
   */
  async createIfUsernameFree(username: string, passwordHash: string): Promise<UserEntity | null> {
    const [row]: Array<{ id: number }> = await this.dataSource.query(
      `INSERT INTO users (guid, username, username_key, password_hash, password_changed_at)
       VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (username_key) DO NOTHING RETURNING id`,
      [randomUUID(), username, storedUsernameKey(username), passwordHash],
    );
    return row ? this.findById(row.id) : null;
  }

  /**
   * Gives a password to a user that has none and is not a federated one, in
   * one conditional UPDATE; false when the user meanwhile got a password (a
   * reset, a parallel login), which is then left as it is.
   */
  async setFirstPasswordHash(userId: number, hash: string): Promise<boolean> {
    const [rows] = await this.dataSource.query(
      `UPDATE users u SET password_hash = $2, password_salt = NULL, password_changed_at = now(), updated_at = now()
        WHERE id = $1 AND password_hash IS NULL AND NOT ${FEDERATED}
        RETURNING id`,
      [userId, hash],
    );
    return (rows as unknown[]).length > 0;
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

  /** Permission names the named roles carry, sorted. */
  async permissionsOfRoles(roleNames: string[]): Promise<string[]> {
    const rows: Array<{ permission: string }> = await this.dataSource.query(
      `SELECT DISTINCT rp.permission FROM roles r JOIN role_permissions rp ON rp.role_id = r.id
        WHERE r.name = ANY($1::varchar[]) ORDER BY rp.permission`,
      [roleNames],
    );
    return rows.map((row) => row.permission);
  }

  /**
   * Takes one of the account's remaining password checks before its hash is
   * read, in one conditional UPDATE: granted only while the account is not
   * locked and the failures so far plus the checks in flight stay below the
   * threshold (after a lock has run out: one check at a time). So however many
   * attempts arrive at once, no more than the threshold of them reach the hash
   * per lock window. Null when refused. A slot that is never answered (the
   * instance died) stops counting after `reservationSeconds`.
   */
  async reserveLoginAttempt(
    userId: number,
    policy: LockoutPolicy,
  ): Promise<LoginReservation | null> {
    const reservation: LoginReservation = { userId, id: randomUUID() };
    const [rows] = await this.dataSource.query(
      `UPDATE users SET
          login_reservations = ${LIVE_RESERVATIONS}
            || jsonb_build_array(jsonb_build_object('id', $2::text, 'until', ${NOW_EPOCH} + $4::numeric))
        WHERE id = $1
          AND ${UNLOCKED}
          AND jsonb_array_length(${LIVE_RESERVATIONS}) < GREATEST($3::int - failed_login_attempts, 1)
        RETURNING id`,
      [userId, reservation.id, policy.threshold, policy.reservationSeconds],
    );
    return (rows as unknown[]).length > 0 ? reservation : null;
  }

  /**
   * The reserved check failed: counts it and, at the threshold, locks the
   * account for a period that doubles with each further failure, freeing the
   * slot in the same UPDATE (parallel failures never lose a count). A failure
   * that locks the account appends `user.locked_out` in the same statement.
   */
  async recordFailedLogin(
    reservation: LoginReservation,
    policy: LockoutPolicy,
  ): Promise<FailedLoginOutcome> {
    const rows: Array<{ failed_login_attempts: number; locked_until: Date | null }> =
      await this.dataSource.query(
        `WITH counted AS (
      UPDATE users SET
          failed_login_attempts = failed_login_attempts + 1,
          locked_until = CASE
            WHEN failed_login_attempts + 1 >= $3 THEN now() + make_interval(secs =>
              LEAST($5::float8, $4::float8 * power(2, LEAST(failed_login_attempts + 1 - $3, 30))))
            ELSE locked_until END,
          login_reservations = ${OTHER_LIVE_RESERVATIONS},
          updated_at = now()
        WHERE id = $1
        RETURNING id, guid, failed_login_attempts, locked_until),
      events AS (${insertUserEvents(
        'user.locked_out',
        '(SELECT * FROM counted WHERE failed_login_attempts >= $3) ',
        { lockedUntil: isoSql('r.locked_until') },
      )})
      SELECT failed_login_attempts, locked_until FROM counted`,
        [
          reservation.userId,
          reservation.id,
          policy.threshold,
          policy.baseSeconds,
          policy.maxSeconds,
        ],
      );
    const row = rows[0];
    return { failedLoginAttempts: row.failed_login_attempts, lockedUntil: row.locked_until };
  }

  /**
   * The reserved check succeeded: clears failures and lock and frees the slot,
   * unless the account got locked meanwhile (then only the slot is freed and
   * the answer is false: a correct password never lifts a lock).
   */
  async recordSuccessfulLogin(reservation: LoginReservation): Promise<boolean> {
    const [rows] = await this.dataSource.query(
      `UPDATE users SET
          failed_login_attempts = CASE WHEN ${UNLOCKED} THEN 0 ELSE failed_login_attempts END,
          last_success_login = CASE WHEN ${UNLOCKED} THEN now() ELSE last_success_login END,
          locked_until = CASE WHEN ${UNLOCKED} THEN NULL ELSE locked_until END,
          login_reservations = ${OTHER_LIVE_RESERVATIONS},
          updated_at = now()
        WHERE id = $1
        RETURNING locked_until IS NULL AS accepted`,
      [reservation.userId, reservation.id],
    );
    return (rows as Array<{ accepted: boolean }>)[0]?.accepted === true;
  }

  /** The reserved check ended without a verdict on the password (e.g. a blocked account): frees the slot. */
  async releaseLoginAttempt(reservation: LoginReservation): Promise<void> {
    await this.dataSource.query(
      `UPDATE users SET login_reservations = ${OTHER_LIVE_RESERVATIONS} WHERE id = $1`,
      [reservation.userId, reservation.id],
    );
  }

  /** A new hash of the same password (an upgrade at login): no event, nothing changed for the user. */
  async setPasswordHash(userId: number, hash: string): Promise<void> {
    await this.dataSource.query(`${SET_PASSWORD} SELECT 1`, [userId, hash]);
  }

  /** A new password set for the user: the hash and its `user.password_reset` event, one statement. */
  async resetPasswordHash(userId: number, hash: string): Promise<void> {
    await this.dataSource.query(
      `${SET_PASSWORD} ${insertUserEvents('user.password_reset', 'changed')}`,
      [userId, hash],
    );
  }

  /** `search` matches a substring of the normalised name; text no name can hold matches nobody. */
  async list(search: string | undefined, page: PageRequest): Promise<Page<UserEntity>> {
    const query = this.users.createQueryBuilder('u').leftJoinAndSelect('u.roles', 'r');
    if (search) {
      const pattern = usernameSearchPattern(search);
      if (pattern === null) return { items: [], totalCount: 0, ...page };
      query.where(`${USERNAME_SEARCH_KEY} LIKE :pattern`, { pattern });
    }
    const [items, totalCount] = await query
      .orderBy('u.id', 'ASC')
      .skip(offsetOf(page))
      .take(page.pageSize)
      .getManyAndCount();
    return { items, totalCount, ...page };
  }

  /**
   * Admin edit of a user's account fields and (when given) its full role set,
   * in one transaction. `undefined` leaves a field as it is. A role change
   * that would leave no active administrator (where there was one) is rolled
   * back: `lastAdministrator`.
   */
  async updateAccount(userId: number, patch: AccountPatch): Promise<AccountUpdate> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        if (patch.roles !== undefined) await tx.query(ADMINISTRATORS_LOCK);
        const hadAdministrator =
          patch.roles !== undefined && (await this.anyActiveAdministrator(tx));
        const columns: Array<[string, unknown]> = [
          ['username', patch.username],
          [
            'username_key',
            patch.username === undefined ? undefined : storedUsernameKey(patch.username),
          ],
          ['email', patch.email],
          ['first_name', patch.firstName],
          ['last_name', patch.lastName],
          ['is_operator', patch.isOperator],
        ];
        const set = columns.filter(([, value]) => value !== undefined);
        const [rows] = await tx.query(
          `UPDATE users SET ${set.map(([column], i) => `${column} = $${i + 2}, `).join('')}updated_at = now()
            WHERE id = $1 RETURNING id`,
          [userId, ...set.map(([, value]) => value)],
        );
        if ((rows as unknown[]).length === 0) return { outcome: 'notFound' as const };
        if (patch.roles !== undefined) {
          await tx.query(`DELETE FROM user_roles WHERE user_id = $1`, [userId]);
          await this.assignRoles(tx, userId, patch.roles);
          if (hadAdministrator && !(await this.anyActiveAdministrator(tx)))
            throw new KeepsLastAdministrator();
        }
        return { outcome: 'updated' as const, user: await this.requireById(tx, userId) };
      });
    } catch (error) {
      if (error instanceof KeepsLastAdministrator) return { outcome: 'lastAdministrator' };
      throw error;
    }
  }

  /** Blocks the user unless already blocked or the last active administrator: one conditional UPDATE. */
  block(userId: number): Promise<StateChange> {
    return this.deactivate(userId, 'blocked_at');
  }

  /** Lifts a block and any lockout: one atomic UPDATE (with its event). `unchanged` when the user was not blocked. */
  async unblock(userId: number): Promise<StateChange> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH changed AS (
         UPDATE users SET blocked_at = NULL, failed_login_attempts = 0, locked_until = NULL, updated_at = now()
          WHERE id = $1 AND blocked_at IS NOT NULL RETURNING id, guid),
       events AS (${insertUserEvents('user.unblocked', 'changed')})
       SELECT id FROM changed`,
      [userId],
    );
    return rows.length > 0 ? 'changed' : 'unchanged';
  }

  /** Disables the user unless already disabled or the last active administrator: one conditional UPDATE. */
  disable(userId: number): Promise<StateChange> {
    return this.deactivate(userId, 'disabled_at');
  }

  /**
   * Sets `blocked_at`/`disabled_at` unless already set, and unless the user is
   * an active administrator and no other one is active. The condition and the
   * change are one UPDATE, under the administrators' lock.
   */
  private deactivate(userId: number, column: 'blocked_at' | 'disabled_at'): Promise<StateChange> {
    const event: UserEventType = column === 'blocked_at' ? 'user.blocked' : 'user.disabled';
    return this.dataSource.transaction(async (tx) => {
      await tx.query(ADMINISTRATORS_LOCK);
      const rows: unknown[] = await tx.query(
        `WITH changed AS (
           UPDATE users SET ${column} = now(), updated_at = now()
            WHERE id = $1 AND ${column} IS NULL
              AND (NOT (${isActive('users')} AND ${isAdministrator('users')}) OR ${ANOTHER_ACTIVE_ADMINISTRATOR})
            RETURNING id, guid),
         events AS (${insertUserEvents(event, 'changed')})
         SELECT id FROM changed`,
        [userId],
      );
      if (rows.length > 0) return 'changed';
      const [state]: Array<{ already: boolean }> = await tx.query(
        `SELECT ${column} IS NOT NULL AS already FROM users WHERE id = $1`,
        [userId],
      );
      return !state || state.already ? 'unchanged' : 'lastAdministrator';
    });
  }

  private async anyActiveAdministrator(tx: EntityManager): Promise<boolean> {
    const [{ exists }] = await tx.query(
      `SELECT EXISTS (SELECT 1 FROM users u WHERE ${isActive('u')} AND ${isAdministrator('u')}) AS exists`,
    );
    return exists;
  }

  /** The subset of `names` that are not existing role names. */
  async unknownRoles(names: string[]): Promise<string[]> {
    if (names.length === 0) return [];
    const rows: Array<{ name: string }> = await this.dataSource.query(
      `SELECT name FROM roles WHERE name = ANY($1::varchar[])`,
      [names],
    );
    return names.filter((name) => !rows.some((row) => row.name === name));
  }

  /** GUID and username of each given user id (for labelling audit events). */
  async identitiesByIds(ids: number[]): Promise<Map<number, UserIdentity>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: number; guid: string; username: string }> = await this.dataSource.query(
      `SELECT id, guid, username FROM users WHERE id = ANY($1::int[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, { guid: row.guid, username: row.username }]));
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
