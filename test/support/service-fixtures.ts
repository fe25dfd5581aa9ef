import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { TEST_PASSWORD } from './test-app';

/**
 * Helpers for suites that drive the built service over real HTTP
 * (`startService`): a fresh PostgreSQL database per test, and small
 * fetch-based clients for the legacy and admin routes.
 */

export const SERVICE_ADMIN = { username: 'crash-admin', password: 'admin password 123' };

/** Environment shared by spawned services: fixed secret, no lockout or throttling in the way. */
export function serviceEnv(extra: Record<string, string>): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    JWT_SECRET: 'spawned-service-secret-0123456789abcdef',
    LOGIN_RATE_LIMIT: '100000',
    LOCKOUT_THRESHOLD: '1000',
    ADMIN_USERNAME: SERVICE_ADMIN.username,
    ADMIN_PASSWORD: SERVICE_ADMIN.password,
    ...extra,
  };
}

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the server named by `serverUrl` (the service migrates it). */
export async function createFreshDatabase(
  serverUrl: string,
  prefix = 'sg',
): Promise<FreshDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface ServiceLogin {
  sessionId: number;
  userId: number;
  accessToken: string;
  refreshToken: string;
}

const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

/** `POST /Auth/Login` with Basic credentials; throws on anything but 200. */
export async function serviceLogin(
  baseUrl: string,
  username: string,
  password = TEST_PASSWORD,
): Promise<ServiceLogin> {
  const res = await fetch(`${baseUrl}/Auth/Login`, {
    method: 'POST',
    headers: { Authorization: basic(username, password), Accept: 'application/json' },
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as Record<string, unknown>;
  return {
    sessionId: body.sessionID as number,
    userId: body.userID as number,
    accessToken: body.userToken as string,
    refreshToken: body.refreshToken as string,
  };
}

/** A JSON call with a bearer token; answers status and parsed body (or null). */
export async function serviceCall(
  baseUrl: string,
  method: string,
  path: string,
  accessToken: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${accessToken}`,
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/** `GET /Auth/Session` status for an access token. */
export async function sessionStatus(baseUrl: string, accessToken: string): Promise<number> {
  const res = await fetch(`${baseUrl}/Auth/Session`, {
    headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
  });
  await res.arrayBuffer();
  return res.status;
}

export interface OnDiskPglite {
  dataDir: string;
  /** Environment that points a spawned service at it. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/**
 * A PGlite data directory on disk in a fresh temp dir. The embedded server's
 * socket dir lives under TMPDIR; a SIGKILLed process cannot remove it, so it
 * goes inside the temp dir and is removed with it.
 */
export function onDiskPglite(prefix: string): OnDiskPglite {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const socketTmp = join(dir, 'tmp');
  mkdirSync(socketTmp);
  const dataDir = join(dir, 'data');
  return {
    dataDir,
    env: { DATABASE_URL: '', DATA_DIR: dataDir, TMPDIR: socketTmp },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
