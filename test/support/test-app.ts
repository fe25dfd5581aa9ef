import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createApp } from '@/bootstrap';
import { AppConfig, loadConfig } from '@/platform/config';
import { OpenDatabase } from '@/platform/database/database';
import { PasswordHasher } from '@/users/passwords/password-hasher';
import { UserEntity } from '@/users/entities/user.entity';
import { UsersRepository } from '@/users/users.repository';
import { openTestDatabase } from './test-database';
import { uniqueName } from './factories';

export const TEST_API_KEY = 'test-api-key-0123456789';
export const TEST_PASSWORD = 'correct horse battery';

export interface TestApp {
  app: INestApplication;
  /** The Node http.Server, for supertest: `request(testApp.server)`. */
  server: ReturnType<INestApplication['getHttpServer']>;
  config: AppConfig;
  database: OpenDatabase;
  users: UsersRepository;
  close(): Promise<void>;
}

/**
 * The real application (all modules, global guard, wire layer) on a fresh
 * migrated database: PGlite by default, PostgreSQL when DATABASE_URL is set.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      JWT_SECRET: randomBytes(32).toString('hex'),
      API_CLIENT_KEYS: TEST_API_KEY,
      LOGIN_RATE_LIMIT: '100000',
      // CI runs the e2e suites on both platforms: HTTP_ADAPTER=fastify selects the other one.
      ...(process.env.HTTP_ADAPTER ? { HTTP_ADAPTER: process.env.HTTP_ADAPTER } : {}),
      ...env,
    },
    () => randomBytes(32).toString('hex'),
  );
  const database = await openTestDatabase();
  const app = await createApp(config, database);
  await app.init();
  // Fastify routes only once its plugins are loaded; Express is ready at init.
  if (config.httpAdapter === 'fastify')
    await (app.getHttpAdapter().getInstance() as { ready(): Promise<unknown> }).ready();
  return {
    app,
    server: app.getHttpServer(),
    config,
    database,
    users: new UsersRepository(database.dataSource),
    close: () => app.close(),
  };
}

const hasher = new PasswordHasher();
let cachedHash: Promise<string> | undefined;

/** A user with TEST_PASSWORD (hashed once per process: argon2 is slow on purpose). */
export async function createUserWithPassword(
  testApp: TestApp,
  overrides: {
    username?: string;
    roles?: string[];
    isOperator?: boolean;
    passwordHash?: string;
    passwordSalt?: string;
  } = {},
): Promise<UserEntity> {
  cachedHash ??= hasher.hash(TEST_PASSWORD);
  return testApp.users.create({
    username: overrides.username ?? uniqueName(),
    passwordHash: overrides.passwordHash ?? (await cachedHash),
    passwordSalt: overrides.passwordSalt ?? null,
    firstName: 'Ana',
    lastName: 'López',
    email: 'ana@example.test',
    roles: overrides.roles ?? [],
    isOperator: overrides.isOperator ?? false,
  });
}

export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}
