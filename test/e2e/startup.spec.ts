import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@/platform/database/database';
import { SCHEMA } from '@/schema';
import { UsersRepository } from '@/users/users.repository';
import { runFailingService, startService } from '@test/support/service-process';

/** The built service as `npm start` runs it: embedded database, restart, bad configuration. */
describe('service start-up (real process)', () => {
  // Each case starts a real process (PGlite initdb on a fresh DATA_DIR): allow for a loaded CI machine.
  jest.setTimeout(150_000);

  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sg-e2e-data-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts on a fresh DATA_DIR with no database installed, answers /health 200, and stops on SIGTERM', async () => {
    const service = await startService({
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      ADMIN_USERNAME: 'root',
      ADMIN_PASSWORD: 'first-admin-password',
    });
    const response = await fetch(`${service.baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' } },
    });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(service.output()).toMatch(
      /"msg":"session-gateway listening on http:\/\/127\.0\.0\.1:\d+ \(API documentation: http:\/\/127\.0\.0\.1:\d+\/docs\)"/,
    );
    expect(service.output()).not.toMatch(/InstanceLoader|RouterExplorer/);
    expect(await service.stop('SIGTERM')).toBe(0);
  });

  it('finds the data again after a restart on the same DATA_DIR', async () => {
    // The first test created "root" on first start; a second start must keep it and create no one else.
    const service = await startService({
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      ADMIN_USERNAME: 'another-admin',
      ADMIN_PASSWORD: 'another-password',
    });
    expect(await service.stop()).toBe(0);

    const database = await openDatabase({ dataDir, poolSize: 1 }, SCHEMA);
    try {
      const users = new UsersRepository(database.dataSource);
      expect(await users.count()).toBe(1);
      const root = await users.findByUsername('root');
      expect(root?.roles?.map((role) => role.name)).toEqual(['admin']);
      expect(await users.findByUsername('another-admin')).toBeNull();
    } finally {
      await database.close();
    }
  });

  it('refuses PORT=abc with a message naming the variable', async () => {
    const { code, output } = await runFailingService({ PORT: 'abc', DATA_DIR: 'memory' });
    expect(code).toBe(1);
    expect(output).toMatch(/PORT must be an integer between 0 and 65535 \(got "abc"\)/);
    expect(output).not.toMatch(/^\s+at /m);
  });

  it('refuses an unreachable DATABASE_URL with a clear message', async () => {
    const { code, output } = await runFailingService({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nothing',
    });
    expect(code).toBe(1);
    expect(output).toMatch(
      /cannot open the database \(DATABASE_URL=postgres:\/\/postgres@127\.0\.0\.1:1\/nothing\)/,
    );
    expect(output).not.toMatch(/^\s+at /m);
  });
});
