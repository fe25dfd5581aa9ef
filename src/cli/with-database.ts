import { AppConfig, configFromEnvironment } from '@/config';
import { openDatabase, OpenDatabase } from '@/database/database';

/** Runs a CLI action against the configured database, closing it afterwards. */
export async function withDatabase<T>(
  action: (database: OpenDatabase, config: AppConfig) => Promise<T>,
  { migrate = true } = {},
): Promise<T> {
  const config = configFromEnvironment();
  const database = await openDatabase(config.database, { migrate });
  try {
    return await action(database, config);
  } finally {
    await database.close();
  }
}
