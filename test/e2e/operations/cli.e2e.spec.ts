import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@/platform/database/database';
import { SCHEMA } from '@/schema';
import { UsersRepository } from '@/users/users.repository';
import { runCli } from '@test/support/service-process';

const COMMANDS = [
  'compare',
  'migration:run',
  'user:create',
  'render',
  'seed:demo',
  'keys:rotate',
  'import:users',
];

/**
 * The built CLI on a fresh embedded DATA_DIR: nothing may open (let alone
 * change) the database unless a command really runs. The PostgreSQL pass
 * adds nothing here, so these run in the PGlite pass only.
 */
const describeEmbedded = process.env.DATABASE_URL ? describe.skip : describe;

describeEmbedded('npm run cli (commander)', () => {
  jest.setTimeout(120_000);

  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'sg-e2e-cli-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = (extra: Record<string, string> = {}) => ({
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    ...extra,
  });
  const databaseUntouched = () => expect(readdirSync(dataDir)).toEqual([]);

  it('lists every command in the top-level help', async () => {
    const { code, stdout } = await runCli(['--help'], env());
    expect(code).toBe(0);
    for (const command of COMMANDS) expect(stdout).toContain(command);
    databaseUntouched();
  });

  it.each(COMMANDS)('%s --help prints its own help, exits 0 and runs nothing', async (command) => {
    const { code, stdout } = await runCli([command, '--help', '--users', '5'], env());
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`Usage: npm run cli -- ${command}`));
    databaseUntouched();
  });

  it('names an unknown option and runs nothing', async () => {
    const { code, stderr } = await runCli(
      ['user:create', '--username', 'bob', '--admn'],
      env({ USER_PASSWORD: 'bob-password-1' }),
    );
    expect(code).not.toBe(0);
    expect(stderr).toContain("unknown option '--admn'");
    databaseUntouched();
  });

  it('names a missing option or argument', async () => {
    const user = await runCli(['user:create'], env());
    expect(user.code).not.toBe(0);
    expect(user.stderr).toContain("required option '--username <name>' not specified");
    const render = await runCli(['render'], env());
    expect(render.code).not.toBe(0);
    expect(render.stderr).toContain("missing required argument 'files'");
    databaseUntouched();
  });

  it('refuses keys:rotate under HS256 before opening the database (exit 2)', async () => {
    const { code, stderr } = await runCli(['keys:rotate'], env());
    expect(code).toBe(2);
    expect(stderr).toContain('keys:rotate needs JWT_ALGORITHM=EdDSA or RS256');
    databaseUntouched();
  });

  it('keys:rotate makes a new current key and keeps the previous one for the overlap', async () => {
    const keysEnv = env({
      JWT_ALGORITHM: 'EdDSA',
      JWT_KEY_ENCRYPTION_SECRET: 'e'.repeat(40),
      ACCESS_TOKEN_TTL_SECONDS: '60',
      JWT_KEY_CACHE_TTL_SECONDS: '5',
    });
    const first = await runCli(['keys:rotate'], keysEnv);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toMatch(/^new EdDSA signing key: [\w-]{43}\nprevious key: none, /);
    const second = await runCli(['keys:rotate'], keysEnv);
    expect(second).toMatchObject({ code: 0 });
    const firstKid = /key: ([\w-]{43})/.exec(first.stdout)![1];
    expect(second.stdout).toContain(`previous key: ${firstKid}, accepted for 65 more seconds`);
    const database = await openDatabase({ dataDir, poolSize: 1 }, SCHEMA);
    try {
      const rows: Array<{ kid: string; retired: boolean; has_private: boolean }> =
        await database.dataSource.query(
          `SELECT kid, retired_at IS NOT NULL AS retired, private_key IS NOT NULL AS has_private
             FROM signing_keys ORDER BY activated_at`,
        );
      expect(rows).toEqual([
        { kid: firstKid, retired: true, has_private: false },
        { kid: expect.not.stringMatching(firstKid), retired: false, has_private: true },
      ]);
    } finally {
      await database.close();
    }
  }, 400_000);

  it('refuses user:create with no password source and no terminal', async () => {
    const { code, stderr } = await runCli(['user:create', '--username', 'bob'], env());
    expect(code).toBe(2);
    expect(stderr).toContain('no password given');
    databaseUntouched();
  });

  it('reads the password from --password-stdin or USER_PASSWORD, and audits the creation', async () => {
    const fromStdin = await runCli(
      ['user:create', '--username', 'ana', '--password-stdin', '--admin'],
      env(),
      'ana-password-1\n',
    );
    expect(fromStdin).toMatchObject({ code: 0 });
    const fromEnv = await runCli(
      ['user:create', '--username', 'bob'],
      env({ USER_PASSWORD: 'bob-password-1' }),
    );
    expect(fromEnv).toMatchObject({ code: 0 });

    const database = await openDatabase({ dataDir, poolSize: 1 }, SCHEMA);
    try {
      const users = new UsersRepository(database.dataSource);
      const ana = await users.findByUsername('ana');
      expect(ana?.roles?.map((role) => role.name)).toEqual(['admin']);
      const bob = await users.findByUsername('bob');
      const [{ hash }] = await database.dataSource.query(
        'SELECT password_hash AS hash FROM users WHERE id = $1',
        [bob!.id],
      );
      expect(hash).toMatch(/^\$argon2id\$/);
      const events = await database.dataSource.query(
        "SELECT subject_user_id, details FROM audit_events WHERE action = 'user.created' ORDER BY id",
      );
      expect(events).toEqual([
        { subject_user_id: ana!.id, details: { source: 'cli', admin: true } },
        { subject_user_id: bob!.id, details: { source: 'cli', admin: false } },
      ]);
    } finally {
      await database.close();
    }
  });

  it('seed:demo refuses under NODE_ENV=production without --yes, before opening the database', async () => {
    const { code, stderr } = await runCli(
      ['seed:demo', '--users', '1', '--sessions', '0'],
      env({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }),
    );
    expect(code).toBe(2);
    expect(stderr).toContain('pass --yes to confirm');
    expect(existsSync(join(dataDir, 'pgdata'))).toBe(false);
  });
});
