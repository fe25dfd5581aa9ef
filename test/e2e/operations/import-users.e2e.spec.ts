import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@/platform/database/database';
import { SCHEMA } from '@/schema';
import { runCli } from '@test/support/service-process';
import { createFreshDatabase } from '@test/support/service-fixtures';

/**
 * `npm run cli -- import:users` as an operator runs it: the built CLI, a
 * small file, the summary, the error report, the exit code, a second run
 * that changes nothing, a dry run. On an embedded DATA_DIR, or on a scratch
 * PostgreSQL database when DATABASE_URL is set.
 */
describe('npm run cli -- import:users', () => {
  jest.setTimeout(600_000);

  let dir: string;
  let databaseUrl = '';
  let dropDatabase: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sg-e2e-import-'));
    if (process.env.DATABASE_URL) {
      const scratch = await createFreshDatabase(process.env.DATABASE_URL);
      databaseUrl = scratch.url;
      dropDatabase = scratch.drop;
    }
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await dropDatabase();
  });
  const env = () => ({ DATA_DIR: join(dir, 'data'), DATABASE_URL: databaseUrl });
  // Opening the embedded database takes a while on a loaded machine.
  const cli = (args: string[]) => runCli(args, env(), '', 240_000);
  const summary = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!);

  const CSV = [
    'legacy_id,username,email,first_name,last_name,password_hash,password_salt,hash_format,created_at,roles,blocked,disabled',
    '17,ana,ana@example.com,Ana,"López, M.",,,,2015-03-02T10:00:00Z,session-manager,false,false',
    '18,bo,,Bo,,,,,,,true,',
    '19,BO,,,,,,,,,,',
    '20,cy,not-an-email,,,,,md5,,root,,',
  ].join('\n');

  async function usersInDatabase() {
    const database = await openDatabase(
      { url: databaseUrl || undefined, dataDir: join(dir, 'data'), poolSize: 1 },
      SCHEMA,
    );
    try {
      return await database.dataSource.query(
        `SELECT id, username, last_name, blocked_at IS NOT NULL AS blocked,
                ARRAY(SELECT r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = users.id) AS roles
           FROM users ORDER BY id`,
      );
    } finally {
      await database.close();
    }
  }

  it('imports the good rows, reports the bad ones by line and column, exits 1', async () => {
    const file = join(dir, 'users.csv');
    writeFileSync(file, CSV);
    const run = await cli(['import:users', file]);
    expect(run.code).toBe(1);
    expect(summary(run.stdout)).toMatchObject({
      dryRun: false,
      read: 4,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      rejected: 2,
      errors: `${file}.errors.csv`,
    });
    expect(run.stderr).toContain('2 users changed, 2 rows rejected');
    expect(readFileSync(`${file}.errors.csv`, 'utf8')).toBe(
      [
        'line,column,reason',
        "4,username,is the same account name as line 3's",
        '5,email,Email is not an e-mail address',
        '5,hash_format,"unknown hash_format (expected one of aspnet-identity-v2, aspnet-identity-v3, membership-sha1, membership-sha256, argon2id)"',
        '5,roles,"no role is named ""root"""',
        '',
      ].join('\n'),
    );
    expect(await usersInDatabase()).toEqual([
      {
        id: 17,
        username: 'ana',
        last_name: 'López, M.',
        blocked: false,
        roles: ['session-manager'],
      },
      { id: 18, username: 'bo', last_name: null, blocked: true, roles: [] },
    ]);
  });

  it('a second run of the same file changes nothing and says so', async () => {
    const file = join(dir, 'users.csv');
    const run = await cli(['import:users', file, '--errors', join(dir, 'again.csv')]);
    expect(summary(run.stdout)).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 2,
      rejected: 2,
    });
    expect(run.stderr).toContain('nothing to change');
  });

  it('--dry-run on JSON lines reports what would change and writes nothing', async () => {
    const file = join(dir, 'users.ndjson');
    writeFileSync(
      file,
      [
        JSON.stringify({
          legacy_id: 17,
          username: 'ana',
          last_name: 'Changed',
          roles: ['session-manager'],
        }),
        JSON.stringify({ legacy_id: 21, username: 'dee' }),
      ].join('\n'),
    );
    const before = await usersInDatabase();
    const run = await cli(['import:users', '--dry-run', file]);
    expect(run.code).toBe(0);
    expect(summary(run.stdout)).toMatchObject({
      dryRun: true,
      inserted: 1,
      updated: 1,
      rejected: 0,
    });
    expect(run.stderr).toContain('dry run: nothing written');
    expect(await usersInDatabase()).toEqual(before);
  });

  it('refuses an unknown format or a header with an unknown column (exit 2)', async () => {
    const badHeader = join(dir, 'bad.csv');
    writeFileSync(badHeader, 'legacy_id,username,pasword_hash\n1,x,abc\n');
    const header = await cli(['import:users', badHeader]);
    expect(header.code).toBe(2);
    expect(header.stderr).toContain('unknown column "pasword_hash"');
    const unknown = await cli(['import:users', join(dir, 'users.xml')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--format csv or --format jsonl');
  });
});
