import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@test/support/service-process';

/** Where the bench runs: PostgreSQL when DATABASE_URL is set, else a fresh embedded PGlite directory. */
export interface BenchDatabase {
  label: string;
  env: Record<string, string>;
  cleanUp(): void;
}

export function benchDatabase(): BenchDatabase {
  const url = process.env.DATABASE_URL;
  if (url) {
    const label = `PostgreSQL (${url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')})`;
    return { label, env: { DATABASE_URL: url }, cleanUp: () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'session-gateway-bench-'));
  return {
    label: 'embedded PGlite',
    env: { DATABASE_URL: '', DATA_DIR: dir },
    cleanUp: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface BenchUser {
  username: string;
  password: string;
  basic: string;
}

/** A fresh administrator made with `user:create` (works on a seeded database too). */
export async function createBenchAdmin(env: Record<string, string>): Promise<BenchUser> {
  const username = `bench-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const password = randomBytes(18).toString('base64url');
  const created = await runCli(
    ['user:create', '--username', username, '--admin'],
    { ...env, USER_PASSWORD: password },
    '',
    // Migrating a fresh database on a busy machine can take minutes.
    600_000,
  );
  if (created.code !== 0)
    throw new Error(
      `user:create failed (exit ${created.code}):\n${created.stdout}${created.stderr}`,
    );
  const basic = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  return { username, password, basic };
}

export async function login(baseUrl: string, user: BenchUser): Promise<string> {
  const response = await fetch(`${baseUrl}/Auth/Login`, {
    method: 'POST',
    headers: { authorization: user.basic, accept: 'application/json' },
  });
  if (response.status !== 200) throw new Error(`bench login failed: ${response.status}`);
  // UserSessionDTO's JSON names are lower-camel (`userToken`), as Contracts.cs declares.
  const body = (await response.json()) as { userToken: string };
  return body.userToken;
}

/** The user with most active sessions and the last page of their sessions (the deepest OFFSET). */
export async function deepestUserSessions(
  baseUrl: string,
  token: string,
  pageSize = 20,
): Promise<{ path: string; sessions: number }> {
  const response = await fetch(
    `${baseUrl}/api/admin/v1/authenticated-sessions/list?sort=count&pageSize=1`,
    { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } },
  );
  if (response.status !== 200) throw new Error(`admin list failed: ${response.status}`);
  const body = (await response.json()) as {
    Items: Array<{ UserGuid: string; SessionCount: number }>;
  };
  const top = body.Items[0];
  const page = Math.max(1, Math.ceil(top.SessionCount / pageSize));
  return {
    path: `/api/admin/v1/authenticated-sessions/user-sessions/${top.UserGuid}?page=${page}&pageSize=${pageSize}`,
    sessions: top.SessionCount,
  };
}

/**
 * The path of the page that starts after `rows` rows of `listPath`, reached
 * as a client reaches it: by following `Link: <…>; rel="next"` (200 rows per
 * hop), then asking for `pageSize` rows from there.
 */
export async function cursorPathAfter(
  baseUrl: string,
  token: string,
  listPath: string,
  rows: number,
  pageSize = 20,
): Promise<string> {
  const separator = listPath.includes('?') ? '&' : '?';
  let path = `${listPath}${separator}pageSize=200`;
  let cursor = '';
  for (let seen = 0; seen < rows; seen += 200) {
    const response = await fetch(baseUrl + path, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    });
    await response.arrayBuffer();
    const link = /cursor=([A-Za-z0-9_-]+)/.exec(response.headers.get('link') ?? '');
    if (response.status !== 200 || !link)
      throw new Error(`${path}: ${response.status}, no next page after ${seen} rows`);
    cursor = link[1];
    path = `${listPath}${separator}pageSize=200&cursor=${cursor}`;
  }
  return `${listPath}${separator}pageSize=${pageSize}&cursor=${cursor}`;
}

/** Checks a route answers 200 in the expected media type before it is loaded. */
export async function expectOk(url: string, headers: Record<string, string>, init?: RequestInit) {
  const response = await fetch(url, { ...init, headers });
  const type = response.headers.get('content-type') ?? '';
  await response.arrayBuffer();
  const accept = headers.accept ?? 'application/json';
  if (response.status !== 200 || !type.startsWith(accept))
    throw new Error(`${url} answered ${response.status} ${type} (wanted 200 ${accept})`);
}
