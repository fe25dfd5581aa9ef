import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { basicAuth } from '@test/support/test-app';
import { MAIN, runCli, runFailingService, startService } from '@test/support/service-process';

const ADMIN = { ADMIN_USERNAME: 'root', ADMIN_PASSWORD: 'first-admin-password' };

/** These cases are about the embedded database's directory: they run in the PGlite pass only. */
const describeEmbedded = process.env.DATABASE_URL ? describe.skip : describe;

describeEmbedded('one process per DATA_DIR (real processes)', () => {
  jest.setTimeout(150_000);

  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'sg-e2e-lock-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const env = () => ({ DATA_DIR: dataDir, DATABASE_URL: '', ...ADMIN });
  const login = (baseUrl: string) =>
    fetch(`${baseUrl}/Auth/Login`, {
      method: 'POST',
      headers: { authorization: basicAuth('root', 'first-admin-password') },
    });

  it('a second service and the CLI fail fast naming the directory and the pid; the first is unharmed', async () => {
    const first = await startService(env());
    try {
      const started = Date.now();
      const second = await runFailingService({ ...env(), PORT: '0' });
      expect(second.code).toBe(1);
      expect(second.output).toContain(
        `DATA_DIR ${dataDir} is in use by process ${first.process.pid}`,
      );
      expect(second.output.trim().split('\n')).toHaveLength(1);
      expect(Date.now() - started).toBeLessThan(15_000);

      const cli = await runCli(['user:create', '--username', 'bob'], {
        ...env(),
        USER_PASSWORD: 'bob-password-1',
      });
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain(`is in use by process ${first.process.pid}`);

      expect((await fetch(`${first.baseUrl}/health/ready`)).status).toBe(200);
      expect((await login(first.baseUrl)).status).toBe(200);
    } finally {
      expect(await first.stop()).toBe(0);
    }
    // A clean stop leaves the directory free for the CLI.
    const cli = await runCli(['user:create', '--username', 'bob'], {
      ...env(),
      USER_PASSWORD: 'bob-password-1',
    });
    expect(cli.code).toBe(0);
  });

  it('recovers the stale lock left by a killed process, with the data intact', async () => {
    const first = await startService(env());
    expect(await first.stop('SIGKILL')).toBeNull();
    const again = await startService(env());
    try {
      expect((await login(again.baseUrl)).status).toBe(200);
    } finally {
      await again.stop();
    }
  });

  /** Runs the service expecting a DATA_DIR error, with a private TMPDIR to see what it leaves behind. */
  async function failOnDataDir(dir: string, as: { uid?: number; gid?: number } = {}) {
    const ownTmp = mkdtempSync(join(tmpdir(), 'sg-e2e-tmp-'));
    chmodSync(ownTmp, 0o777);
    try {
      const result = await runFailingService(
        { DATA_DIR: dir, DATABASE_URL: '', PORT: '0', TMPDIR: ownTmp },
        as,
      );
      return { ...result, leftBehind: readdirSync(ownTmp) };
    } finally {
      rmSync(ownTmp, { recursive: true, force: true });
    }
  }

  it('names the directory and the user when DATA_DIR cannot be created, and leaves no socket directory', async () => {
    const { uid } = userInfo();
    const { code, output, leftBehind } = await failOnDataDir('/sys/session-gateway-data');
    expect(code).toBe(1);
    expect(output).toMatch(
      new RegExp(
        `DATA_DIR /sys/session-gateway-data is not usable by user \\S+ \\(uid ${uid}\\) \\((EPERM|EACCES)\\)`,
      ),
    );
    expect(output).not.toMatch(/undefined|^\s+at /m);
    expect(leftBehind).toEqual([]);
  });

  // Root may write anywhere, so a root-owned directory is tried as "nobody", where that user
  // can run this checkout's Node and read its build (a clone under /root, say, it cannot).
  const nobody = { uid: 65534, gid: 65534 };
  const nobodyCanRun =
    spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(MAIN)})`], {
      ...nobody,
      stdio: 'ignore',
    }).status === 0;
  (nobodyCanRun ? it : it.skip)(
    "names the directory and the user when DATA_DIR is another user's (run as nobody)",
    async () => {
      const locked = join(dataDir, 'root-owned');
      mkdirSync(locked, { mode: 0o755 });
      const { code, output, leftBehind } = await failOnDataDir(locked, nobody);
      expect(code).toBe(1);
      expect(output).toMatch(
        new RegExp(`DATA_DIR ${locked}/? is not usable by user \\S+ \\(uid 65534\\) \\(EACCES\\)`),
      );
      expect(output).not.toMatch(/undefined|^\s+at /m);
      expect(leftBehind).toEqual([]);
    },
  );
});
