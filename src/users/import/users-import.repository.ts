import { Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { ImportedUser, RowProblem } from './import-row';

/** What writing one validated row did. */
export type RowOutcome =
  { outcome: 'inserted' | 'updated' | 'unchanged' } | { outcome: 'rejected'; problem: RowProblem };

interface ExistingRow {
  id: number;
  legacy_id: number | null;
  username: string;
  username_key: string | null;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  password_hash: string | null;
  password_salt: string | null;
  /** No password was set here since the import (no reset, no upgrade at login). */
  password_imported: boolean;
  created_at: Date;
  blocked: boolean;
  disabled: boolean;
  role_ids: number[];
}

const UNIQUE_VIOLATION = '23505';
const ATTEMPTS = 3;

/**
 * Writes imported users, a batch at a time, through one connection. A real
 * run commits each batch; a dry run keeps everything in one transaction and
 * rolls it back at the end, so it reports exactly what a real run would
 * (including rows that collide with rows earlier in the same file).
 */
export class ImportWriter {
  private constructor(
    private readonly runner: QueryRunner,
    private readonly dryRun: boolean,
  ) {}

  static async open(dataSource: DataSource, dryRun: boolean): Promise<ImportWriter> {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    if (dryRun) await runner.query('BEGIN');
    return new ImportWriter(runner, dryRun);
  }

  /**
   * Upserts the batch by legacy id in one transaction (a savepoint in a dry
   * run). The batch must hold each legacy id and username key once. A row
   * whose id or username belongs to a user that was not imported, or whose
   * username belongs to another imported user, is rejected: an import never
   * takes an account over. A unique violation (a user created meanwhile by
   * the running service) re-reads and re-classifies the batch.
   */
  async write(batch: ImportedUser[]): Promise<RowOutcome[]> {
    for (let attempt = 1; ; attempt++) {
      await this.runner.query(this.dryRun ? 'SAVEPOINT import_batch' : 'BEGIN');
      try {
        const outcomes = await this.writeOnce(batch);
        await this.runner.query(this.dryRun ? 'RELEASE SAVEPOINT import_batch' : 'COMMIT');
        return outcomes;
      } catch (error) {
        await this.runner.query(this.dryRun ? 'ROLLBACK TO SAVEPOINT import_batch' : 'ROLLBACK');
        const code = (error as { code?: string }).code;
        if (code !== UNIQUE_VIOLATION || attempt === ATTEMPTS) throw error;
      }
    }
  }

  /** Ends the run: a dry run's transaction is rolled back. Always releases the connection. */
  async close(): Promise<void> {
    try {
      if (this.dryRun) await this.runner.query('ROLLBACK');
    } finally {
      await this.runner.release();
    }
  }

  private async writeOnce(batch: ImportedUser[]): Promise<RowOutcome[]> {
    const existing = await this.existing(batch);
    const byId = new Map(existing.map((row) => [row.id, row]));
    const byKey = new Map(existing.map((row) => [row.username_key, row]));
    const inserts: ImportedUser[] = [];
    const updates: ImportedUser[] = [];
    const outcomes = batch.map((user): RowOutcome => {
      const sameId = byId.get(user.legacyId);
      const sameName = byKey.get(user.usernameKey);
      if (sameId && sameId.legacy_id === null) {
        return rejected('legacy_id', `is the id of ${describe(sameId)}: not overwritten`);
      }
      if (sameName && sameName.id !== user.legacyId) {
        return rejected('username', `already belongs to ${describe(sameName)}`);
      }
      if (!sameId) {
        inserts.push(user);
        return { outcome: 'inserted' };
      }
      if (isUnchanged(sameId, user)) return { outcome: 'unchanged' };
      updates.push(user);
      return { outcome: 'updated' };
    });
    if (inserts.length > 0) await this.insert(inserts);
    if (updates.length > 0) await this.update(updates);
    await this.replaceRoles(
      inserts,
      updates.filter((user) => rolesChanged(byId.get(user.legacyId)!, user)),
    );
    return outcomes;
  }

  private existing(batch: ImportedUser[]): Promise<ExistingRow[]> {
    return this.runner.query(
      `SELECT id, legacy_id, username, username_key, email, first_name, last_name,
              password_hash, password_salt, password_changed_at IS NULL AS password_imported,
              created_at, blocked_at IS NOT NULL AS blocked, disabled_at IS NOT NULL AS disabled,
              ARRAY(SELECT role_id FROM user_roles ur WHERE ur.user_id = users.id ORDER BY role_id) AS role_ids
         FROM users
        WHERE id = ANY($1::int[]) OR username_key = ANY($2::text[])
          FOR UPDATE`,
      [batch.map((user) => user.legacyId), batch.map((user) => user.usernameKey)],
    );
  }

  /**
   * One multi-row INSERT. Ids are the legacy ids, so the id sequence is first
   * moved past them (outside a dry run: setval is not transactional) and users
   * created here later never take an id a legacy client knows.
   */
  private async insert(users: ImportedUser[]): Promise<void> {
    if (!this.dryRun) {
      await this.runner.query(
        `SELECT setval('users_id_seq', $1::int)
          WHERE $1::int > (SELECT last_value FROM users_id_seq)`,
        [Math.max(...users.map((user) => user.legacyId))],
      );
    }
    await this.runner.query(
      `INSERT INTO users (id, legacy_id, guid, username, username_key, email, first_name, last_name,
                          password_hash, password_salt, created_at, updated_at, blocked_at, disabled_at)
       SELECT v.id, v.id, gen_random_uuid(), v.username, v.username_key, v.email, v.first_name, v.last_name,
              v.password_hash, v.password_salt, coalesce(v.created_at, now()), now(),
              CASE WHEN v.blocked THEN now() END, CASE WHEN v.disabled THEN now() END
         FROM ${ROWS} AS v(${ROW_COLUMNS})`,
      rowArrays(users),
    );
  }

  /**
   * The file is the source of truth for an imported user, except a password
   * set here since (a reset, or the argon2id upgrade at the first login):
   * re-importing an old export must never bring back an old password.
   */
  private async update(users: ImportedUser[]): Promise<void> {
    await this.runner.query(
      `UPDATE users u SET
          username = v.username, username_key = v.username_key, email = v.email,
          first_name = v.first_name, last_name = v.last_name,
          password_hash = CASE WHEN u.password_changed_at IS NULL THEN v.password_hash ELSE u.password_hash END,
          password_salt = CASE WHEN u.password_changed_at IS NULL THEN v.password_salt ELSE u.password_salt END,
          created_at = coalesce(v.created_at, u.created_at),
          blocked_at = CASE WHEN v.blocked THEN coalesce(u.blocked_at, now()) END,
          disabled_at = CASE WHEN v.disabled THEN coalesce(u.disabled_at, now()) END,
          updated_at = now()
         FROM ${ROWS} AS v(${ROW_COLUMNS})
        WHERE u.id = v.id AND u.legacy_id = v.id`,
      rowArrays(users),
    );
  }

  /**
   * Role links become exactly the file's: new users get theirs, updated users
   * whose roles differ lose every other link first (a role granted here since
   * the last import is taken away, as the file is the source of truth).
   */
  private async replaceRoles(inserted: ImportedUser[], changed: ImportedUser[]): Promise<void> {
    if (changed.length > 0) {
      await this.runner.query(`DELETE FROM user_roles WHERE user_id = ANY($1::int[])`, [
        changed.map((user) => user.legacyId),
      ]);
    }
    const links = [...inserted, ...changed].flatMap((user) =>
      user.roleIds.map((roleId) => [user.legacyId, roleId]),
    );
    if (links.length === 0) return;
    await this.runner.query(
      `INSERT INTO user_roles (user_id, role_id) SELECT * FROM unnest($1::int[], $2::int[])`,
      [links.map(([userId]) => userId), links.map(([, roleId]) => roleId)],
    );
  }
}

const ROWS = `unnest($1::int[], $2::varchar[], $3::text[], $4::varchar[], $5::varchar[], $6::varchar[],
                     $7::text[], $8::text[], $9::timestamptz[], $10::bool[], $11::bool[])`;
const ROW_COLUMNS = `id, username, username_key, email, first_name, last_name,
                     password_hash, password_salt, created_at, blocked, disabled`;

/** One array per column, in ROW_COLUMNS order (unnest zips them back into rows). */
function rowArrays(users: ImportedUser[]): unknown[] {
  return [
    users.map((user) => user.legacyId),
    users.map((user) => user.username),
    users.map((user) => user.usernameKey),
    users.map((user) => user.email),
    users.map((user) => user.firstName),
    users.map((user) => user.lastName),
    users.map((user) => user.password?.hash ?? null),
    users.map((user) => user.password?.salt ?? null),
    users.map((user) => user.createdAt),
    users.map((user) => user.blocked),
    users.map((user) => user.disabled),
  ];
}

function rejected(column: string, reason: string): RowOutcome {
  return { outcome: 'rejected', problem: { column, reason } };
}

function describe(row: ExistingRow): string {
  return row.legacy_id === null
    ? `user ${row.id}, who was not imported`
    : `the user imported with legacy_id ${row.legacy_id}`;
}

function rolesChanged(row: ExistingRow, user: ImportedUser): boolean {
  return row.role_ids.join(',') !== user.roleIds.join(',');
}

function isUnchanged(row: ExistingRow, user: ImportedUser): boolean {
  const samePassword =
    !row.password_imported ||
    (row.password_hash === (user.password?.hash ?? null) &&
      row.password_salt === (user.password?.salt ?? null));
  return (
    row.username === user.username &&
    row.username_key === user.usernameKey &&
    row.email === user.email &&
    row.first_name === user.firstName &&
    row.last_name === user.lastName &&
    samePassword &&
    (user.createdAt === null || row.created_at.getTime() === user.createdAt.getTime()) &&
    row.blocked === user.blocked &&
    row.disabled === user.disabled &&
    !rolesChanged(row, user)
  );
}

/** Reads the role names an import may grant; opens writers. */
@Injectable()
export class UsersImportRepository {
  constructor(private readonly dataSource: DataSource) {}

  async roleIds(): Promise<Map<string, number>> {
    const rows: Array<{ id: number; name: string }> = await this.dataSource.query(
      `SELECT id, name FROM roles`,
    );
    return new Map(rows.map((row) => [row.name, row.id]));
  }

  openWriter(dryRun: boolean): Promise<ImportWriter> {
    return ImportWriter.open(this.dataSource, dryRun);
  }
}
