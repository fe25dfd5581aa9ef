import { AuditRepository } from '@/audit/audit.repository';
import { OpenDatabase } from '@/platform/database/database';
import { ImportRecord, RowProblem } from '@/users/import/import-row';
import { ImportCounts, SourceRecord, UsersImport } from '@/users/import/users-import';
import { UsersImportRepository } from '@/users/import/users-import.repository';
import { UsersRepository } from '@/users/users.repository';
import { createUser, uniqueName } from '@test/support/factories';
import { openTestDatabase } from '@test/support/test-database';

/** import:users against a real database (PGlite, or PostgreSQL with DATABASE_URL). */
describe('UsersImport (real database)', () => {
  let database: OpenDatabase;
  let users: UsersRepository;
  let importer: UsersImport;

  beforeAll(async () => {
    database = await openTestDatabase();
    users = new UsersRepository(database.dataSource);
    importer = new UsersImport(
      new UsersImportRepository(database.dataSource),
      new AuditRepository(database.dataSource),
    );
  });
  afterAll(() => database.close());

  async function* source(records: ImportRecord[]): AsyncGenerator<SourceRecord> {
    for (const [index, record] of records.entries()) yield { line: index + 2, record };
  }

  async function run(
    records: ImportRecord[],
    options: { dryRun?: boolean; batchSize?: number } = {},
  ): Promise<{ counts: ImportCounts; rejected: Array<{ line: number } & RowProblem> }> {
    const rejected: Array<{ line: number } & RowProblem> = [];
    const counts = await importer.run(source(records), {
      dryRun: options.dryRun ?? false,
      batchSize: options.batchSize,
      source: 'test',
      onRejected: (line, problems) => {
        rejected.push(...problems.map((problem) => ({ line, ...problem })));
      },
    });
    return { counts, rejected };
  }

  async function stored(id: number) {
    const [row] = await database.dataSource.query(
      `SELECT id, legacy_id, username, email, first_name, last_name, password_hash, password_salt,
              created_at, blocked_at IS NOT NULL AS blocked, disabled_at IS NOT NULL AS disabled,
              ARRAY(SELECT r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                     WHERE ur.user_id = users.id ORDER BY r.name) AS roles
         FROM users WHERE id = $1`,
      [id],
    );
    return row;
  }

  const fingerprint = () =>
    database.dataSource.query(
      `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM user_roles)::int AS links,
              (SELECT coalesce(max(updated_at), now()) FROM users) AS updated`,
    );

  const person = (id: number, overrides: ImportRecord = {}): ImportRecord => ({
    legacy_id: String(id),
    username: `legacy-${id}`,
    email: `u${id}@example.com`,
    first_name: 'Ana',
    last_name: 'López',
    created_at: '2014-05-06T07:08:09Z',
    roles: '',
    blocked: '',
    disabled: '',
    ...overrides,
  });

  it('inserts users under their legacy id, with roles, flags and created_at from the file', async () => {
    const { counts, rejected } = await run([
      person(100_001, { roles: 'admin;session-manager', blocked: 'true' }),
      person(100_002, { disabled: '1' }),
    ]);
    expect(rejected).toEqual([]);
    expect(counts).toEqual({ read: 2, inserted: 2, updated: 0, unchanged: 0, rejected: 0 });
    expect(await stored(100_001)).toMatchObject({
      legacy_id: 100_001,
      username: 'legacy-100001',
      roles: ['admin', 'session-manager'],
      blocked: true,
      disabled: false,
      created_at: new Date('2014-05-06T07:08:09Z'),
    });
    expect(await stored(100_002)).toMatchObject({ blocked: false, disabled: true, roles: [] });
    // The legacy id is the id every surface shows and resolves.
    expect((await users.findByUsername('LEGACY-100002'))?.id).toBe(100_002);
  });

  it('a second run of the same file changes nothing and says so', async () => {
    const file = [
      person(101_001, { roles: 'session-manager' }),
      person(101_002, {
        hash_format: 'membership-sha1',
        password_hash: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=',
        password_salt: 'c2FsdA==',
      }),
    ];
    expect((await run(file)).counts).toMatchObject({ inserted: 2 });
    const before = await fingerprint();
    expect((await run(file)).counts).toEqual({
      read: 2,
      inserted: 0,
      updated: 0,
      unchanged: 2,
      rejected: 0,
    });
    expect(await fingerprint()).toEqual(before);
  });

  it('updates what changed in the file, roles become exactly the file’s', async () => {
    await run([person(102_001, { roles: 'admin;session-manager' })]);
    const { counts } = await run([
      person(102_001, { first_name: 'Ana María', roles: 'session-manager', blocked: '1' }),
    ]);
    expect(counts).toMatchObject({ updated: 1, unchanged: 0 });
    expect(await stored(102_001)).toMatchObject({
      first_name: 'Ana María',
      roles: ['session-manager'],
      blocked: true,
    });
  });

  it('never gives an imported user a role the file does not: granted here since, it is taken away', async () => {
    await run([person(103_001)]);
    await users.updateAccount(103_001, { roles: ['admin'] });
    const { counts } = await run([person(103_001)]);
    expect(counts).toMatchObject({ updated: 1 });
    expect((await stored(103_001)).roles).toEqual([]);
  });

  it('does not bring back an old hash over a password set here (reset or upgrade at login)', async () => {
    const file = [
      person(104_001, {
        hash_format: 'membership-sha1',
        password_hash: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=',
        password_salt: 'c2FsdA==',
      }),
    ];
    await run(file);
    await users.setPasswordHash(104_001, '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA');
    expect((await run(file)).counts).toMatchObject({ unchanged: 1 });
    await run([{ ...file[0], last_name: 'Other' }]);
    expect(await stored(104_001)).toMatchObject({
      last_name: 'Other',
      password_hash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA',
      password_salt: null,
    });
  });

  it('never takes over a user created here: neither by its id nor by a look-alike of its name', async () => {
    const native = await createUser(users, { username: uniqueName('Native'), roles: [] });
    const before = await stored(native.id);
    const { counts, rejected } = await run([
      person(native.id, { username: 'someone-else', roles: 'admin' }),
      person(105_001, { username: native.username.toUpperCase(), roles: 'admin' }),
    ]);
    expect(counts).toMatchObject({ inserted: 0, rejected: 2 });
    expect(rejected).toEqual([
      {
        line: 2,
        column: 'legacy_id',
        reason: `is the id of user ${native.id}, who was not imported: not overwritten`,
      },
      {
        line: 3,
        column: 'username',
        reason: `already belongs to user ${native.id}, who was not imported`,
      },
    ]);
    expect(await stored(native.id)).toEqual(before);
    expect(await stored(105_001)).toBeUndefined();
  });

  it('refuses a second legacy_id for an imported name, and a legacy_id repeated in the file', async () => {
    await run([person(106_001, { username: 'Straße-106' })]);
    const { rejected } = await run(
      [
        person(106_002, { username: 'STRASSE-106' }),
        person(106_003, { username: 'dup-a' }),
        person(106_003, { username: 'dup-b' }),
        person(106_006, { username: 'filler' }),
        person(106_004, { username: 'same-in-file' }),
        person(106_005, { username: 'SAME-IN-FILE' }),
      ],
      { batchSize: 2 },
    );
    expect(rejected).toEqual([
      {
        line: 2,
        column: 'username',
        reason: 'already belongs to the user imported with legacy_id 106001',
      },
      { line: 4, column: 'legacy_id', reason: 'appears on an earlier line of this file' },
      // In another batch than line 6: found in the database, where line 6 already is.
      {
        line: 7,
        column: 'username',
        reason: 'already belongs to the user imported with legacy_id 106004',
      },
    ]);
  });

  it('in one batch, the second of two look-alike names is refused', async () => {
    const { rejected } = await run([
      person(107_001, { username: 'Émile-107' }),
      person(107_002, { username: 'E\u0301MILE-107' }),
    ]);
    expect(rejected).toEqual([
      { line: 3, column: 'username', reason: "is the same account name as line 2's" },
    ]);
  });

  it('reports bad rows with line and column while the good rows go in', async () => {
    const { counts, rejected } = await run([
      person(108_001),
      person(108_002, { username: 'bad\u0000name', roles: 'nope' }),
      person(108_003),
    ]);
    expect(counts).toMatchObject({ inserted: 2, rejected: 1 });
    expect(rejected).toEqual([
      { line: 3, column: 'username', reason: 'holds U+0000 or an unpaired surrogate' },
      { line: 3, column: 'roles', reason: 'no role is named "nope"' },
    ]);
    expect(await stored(108_003)).toBeDefined();
  });

  it('--dry-run reports exactly what a run would, and writes nothing (not even the id sequence)', async () => {
    await run([person(109_001)]);
    const [{ last_value: sequenceBefore }] = await database.dataSource.query(
      `SELECT last_value FROM users_id_seq`,
    );
    const before = await fingerprint();
    const file = [
      person(109_001, { first_name: 'Changed' }),
      person(109_002),
      person(109_003, { username: 'LEGACY-109002' }),
      person(109_004, { email: 'nope' }),
    ];
    const dry = await run(file, { dryRun: true, batchSize: 1 });
    expect(dry.counts).toEqual({ read: 4, inserted: 1, updated: 1, unchanged: 0, rejected: 2 });
    expect(await fingerprint()).toEqual(before);
    expect(await database.dataSource.query(`SELECT last_value FROM users_id_seq`)).toEqual([
      { last_value: sequenceBefore },
    ]);
    const real = await run(file, { batchSize: 1 });
    expect(real.counts).toEqual(dry.counts);
    expect(real.rejected).toEqual(dry.rejected);
  });

  it('moves the id sequence past the imported ids: a user created here later gets a new id', async () => {
    await run([person(900_000)]);
    const native = await createUser(users);
    expect(native.id).toBeGreaterThan(900_000);
  });

  it('audits a real run with its counts, not a dry run', async () => {
    await run([person(110_001)]);
    await run([person(110_002)], { dryRun: true });
    const events = await database.dataSource.query(
      `SELECT details FROM audit_events WHERE action = 'users.imported' ORDER BY id DESC LIMIT 1`,
    );
    expect(events).toEqual([
      { details: { source: 'test', read: 1, inserted: 1, updated: 0, unchanged: 0, rejected: 0 } },
    ]);
  });

  it('writes 5,000-row batches as one statement each (set-based), under a few seconds', async () => {
    const file = Array.from({ length: 12_000 }, (_, i) => person(200_000 + i));
    const started = Date.now();
    expect((await run(file)).counts).toMatchObject({ inserted: 12_000 });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect((await run(file)).counts).toMatchObject({ unchanged: 12_000 });
  });
});
