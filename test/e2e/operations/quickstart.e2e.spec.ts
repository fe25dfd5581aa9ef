import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, RunningService, startService } from '@test/support/service-process';

/** The shell block between the README's quickstart markers, exactly as a reader copies it. */
function quickstartScript(): string {
  const readme = readFileSync(resolve(REPO_ROOT, 'README.md'), 'utf8');
  const block =
    /<!-- quickstart:begin[^>]*-->\s*```sh\n([\s\S]*?)```\s*<!-- quickstart:end -->/.exec(readme);
  if (!block) throw new Error('README.md has no quickstart block');
  return block[1];
}

/** The embedded database is the quickstart's: this runs in the PGlite pass only. */
const describeEmbedded = process.env.DATABASE_URL ? describe.skip : describe;

describeEmbedded('README quickstart (real process, real curl)', () => {
  jest.setTimeout(150_000);

  let dataDir: string;
  let service: RunningService;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sg-e2e-quickstart-'));
    service = await startService(
      {
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        ADMIN_USERNAME: 'admin',
        ADMIN_PASSWORD: 'change-me-now',
      },
      120_000,
    );
  });
  afterAll(async () => {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs every command of the quickstart as written, with the answers it describes', async () => {
    // Only the address differs: the test's service listens on a free port.
    const script = quickstartScript().replace('http://localhost:3000', service.baseUrl);
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], {
      cwd: REPO_ROOT,
    });
    const [session, list, revoked, audit] = stdout.trim().split('\n');
    expect(JSON.parse(session)).toMatchObject({ userName: 'admin', isAuthorized: true });
    expect(JSON.parse(list).Items).toEqual([
      expect.objectContaining({ UserName: 'admin', SessionCount: 1 }),
    ]);
    expect(JSON.parse(revoked)).toEqual({ Success: true });
    const actions = JSON.parse(audit).Items.map((event: { Action: string }) => event.Action);
    expect(actions[0]).toBe('session.ended');
    expect(actions).toContain('login.succeeded');
  });
});
