import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@/platform/database/database';
import { SCHEMA } from '@/schema';
import { UsersRepository } from '@/users/users.repository';
import { runCli } from '@test/support/service-process';

const COMMANDS = ['compare', 'migration:run', 'user:create', 'render', 'seed:demo', 'import:users'];

/**
 * The built CLI on a fresh embedded DATA_DIR: nothing may open (let alone
 * change) the database unless a command really runs. The PostgreSQL pass
 * adds nothing here, so these run in the PGlite pass only.
 */
const describeEmbedded = process.env.DATABASE_URL ? describe.skip : describe;

describeEmbedded('npm run cli (commander)', () => {
  jest.setTimeout(400_000);
  // Creating and migrating a fresh embedded DATA_DIR takes 45 s on a loaded 2-core machine.
  const OPENS_EMBEDDED_DATABASE_MS = 180_000;

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
      OPENS_EMBEDDED_DATABASE_MS,
    );
    expect(fromStdin).toMatchObject({ code: 0 });
    const fromEnv = await runCli(
      ['user:create', '--username', 'bob'],
      env({ USER_PASSWORD: 'bob-password-1' }),
      '',
      OPENS_EMBEDDED_DATABASE_MS,
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
