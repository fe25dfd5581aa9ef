import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, OpenDatabase } from '@/platform/database/database';
import { SCHEMA } from '@/schema';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default,
 * or a throwaway database on the PostgreSQL server named by DATABASE_URL.
 */
export async function openTestDatabase(): Promise<OpenDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return openDatabase({ dataDir: 'memory', poolSize: 4 }, SCHEMA);

  const name = `sg_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase(
    { url: url.toString(), dataDir: 'memory', poolSize: 10 },
    SCHEMA,
  );
  return {
    ...database,
    async close() {
      await database.close();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
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
