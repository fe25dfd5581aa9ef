import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningService, startService } from '@test/support/service-process';
import {
  createFreshDatabase,
  SERVICE_ADMIN,
  serviceCall,
  serviceEnv,
  serviceLogin,
} from '@test/support/service-fixtures';
import { TEST_PASSWORD } from '@test/support/test-app';

/** The built service on its own database: PostgreSQL when DATABASE_URL is set, else PGlite on disk. */
export async function startConsoleService(): Promise<{
  service: RunningService;
  adminToken: string;
  stop(): Promise<void>;
}> {
  const serverUrl = process.env.DATABASE_URL;
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  if (serverUrl) {
    const fresh = await createFreshDatabase(serverUrl, 'sg_console');
    env = { DATABASE_URL: fresh.url };
    cleanup = () => fresh.drop();
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'sg-console-'));
    mkdirSync(join(dir, 'tmp'));
    env = { DATABASE_URL: '', DATA_DIR: join(dir, 'data'), TMPDIR: join(dir, 'tmp') };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const service = await startService(serviceEnv(env), 240_000);
  const admin = await serviceLogin(service.baseUrl, SERVICE_ADMIN.username, SERVICE_ADMIN.password);
  return {
    service,
    adminToken: admin.accessToken,
    async stop() {
      await service.stop();
      await cleanup();
    },
  };
}

/** Creates a user with TEST_PASSWORD and these roles through the admin API; answers its GUID. */
export async function createUser(
  baseUrl: string,
  adminToken: string,
  username: string,
  roles: string[] = [],
): Promise<string> {
  const created = await serviceCall(baseUrl, 'POST', '/api/admin/v1/users', adminToken, {
    UserName: username,
    Password: TEST_PASSWORD,
    FirstName: 'Test',
    LastName: username,
    Roles: roles,
  });
  if (created.status !== 201) throw new Error(`create ${username}: ${JSON.stringify(created)}`);
  return (created.body as { UserGuid: string }).UserGuid;
}

/** A login from a device named by its User-Agent; answers the session ID and access token. */
export async function loginFrom(
  baseUrl: string,
  username: string,
  userAgent: string,
): Promise<{ sessionId: number; accessToken: string }> {
  const res = await fetch(`${baseUrl}/Auth/Login`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${username}:${TEST_PASSWORD}`).toString('base64')}`,
      Accept: 'application/json',
      'User-Agent': userAgent,
    },
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  const body = (await res.json()) as { sessionID: number; userToken: string };
  return { sessionId: body.sessionID, accessToken: body.userToken };
}
