import {
  DataSource,
  DataSourceOptions,
  EntitySchema,
  Migration,
  MigrationExecutor,
  MixedList,
} from 'typeorm';
import { DatabaseConfig } from '@/platform/config';
import { EmbeddedPostgres } from './embedded-postgres';

/**
 * PGlite has one backend. pglite-socket can multiplex several client
 * connections onto it, but it interleaves their extended-protocol messages
 * (seen as "unnamed prepared statement does not exist" under concurrent
 * load), so the pool holds a single connection and queries queue in `pg`.
 */
const EMBEDDED_POOL_SIZE = 1;

/** pg_advisory_lock key that serialises migrations across instances ("sg-migr"). */
const MIGRATION_LOCK_KEY = 0x73672d6d69677200n;

/**
 * Applies pending migrations while holding a session-level advisory lock, so
 * instances starting together on a fresh database take turns instead of racing
 * to create the same tables (a duplicate pg_class key). The lock and the
 * migrations share one connection, which also keeps PGlite's single
 * connection from deadlocking against itself.
 */
export async function runMigrationsUnderLock(dataSource: DataSource): Promise<Migration[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      return await executor.executePendingMigrations();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
    }
  } finally {
    await runner.release();
  }
}

/** An open database: a TypeORM DataSource with migrations applied, and how to close it. */
export interface OpenDatabase {
  dataSource: DataSource;
  embedded: boolean;
  close(): Promise<void>;
}

/** What the database holds: given by the composition root (src/schema.ts). */
export interface DatabaseSchema {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own entity type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own migration type
  migrations: MixedList<Function | string>;
}

export class DatabaseUnavailableError extends Error {}

function describe(config: DatabaseConfig): string {
  if (!config.url) return `embedded PGlite (DATA_DIR=${config.dataDir})`;
  return `DATABASE_URL=${config.url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`;
}

/**
 * Opens the configured database (PostgreSQL when DATABASE_URL is set, else
 * embedded PGlite under DATA_DIR) and, unless told otherwise, applies pending
 * migrations. Failures are reported as DatabaseUnavailableError naming the source.
 */
export async function openDatabase(
  config: DatabaseConfig,
  schema: DatabaseSchema,
  { migrate = true }: { migrate?: boolean } = {},
): Promise<OpenDatabase> {
  let embedded: EmbeddedPostgres | undefined;
  const common = {
    type: 'postgres' as const,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: false,
  };
  let options: DataSourceOptions;
  try {
    if (config.url) {
      options = {
        ...common,
        url: config.url,
        poolSize: config.poolSize,
        connectTimeoutMS: 5000,
        extra: { connectionTimeoutMillis: 5000 },
      };
    } else {
      embedded = await EmbeddedPostgres.start(config.dataDir, EMBEDDED_POOL_SIZE);
      options = { ...common, ...embedded.connection, poolSize: EMBEDDED_POOL_SIZE };
    }
    const dataSource = await new DataSource(options).initialize();
    if (migrate) await runMigrationsUnderLock(dataSource);
    return {
      dataSource,
      embedded: embedded !== undefined,
      async close() {
        if (dataSource.isInitialized) await dataSource.destroy();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop().catch(() => undefined);
    const reason = error instanceof Error && error.message ? error.message : String(error);
    throw new DatabaseUnavailableError(`cannot open the database (${describe(config)}): ${reason}`);
  }
}
