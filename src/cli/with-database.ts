import { AppConfig, configFromEnvironment } from '@/platform/config';
import { openDatabase, OpenDatabase } from '@/platform/database/database';
import { SCHEMA } from '@/schema';

interface DatabaseOptions {
  /** Apply pending migrations on opening (default true). */
  migrate?: boolean;
  /** Checked against the configuration before the database is opened: a refusal changes nothing. */
  precondition?: (config: AppConfig) => void;
}

/** Runs a CLI action against the configured database, closing it afterwards. */
export async function withDatabase<T>(
  action: (database: OpenDatabase, config: AppConfig) => Promise<T>,
  { migrate = true, precondition }: DatabaseOptions = {},
): Promise<T> {
  const config = configFromEnvironment();
  precondition?.(config);
  const database = await openDatabase(config.database, SCHEMA, { migrate });
  try {
    return await action(database, config);
  } finally {
    await database.close();
  }
}
