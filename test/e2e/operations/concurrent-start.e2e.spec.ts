import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { MIGRATIONS } from '@migrations';
import { RunningService, startService } from '@test/support/service-process';

const serverUrl = process.env.DATABASE_URL;
/** Migrations racing on one server is a PostgreSQL matter: this runs in the PostgreSQL pass. */
const describePostgres = serverUrl ? describe : describe.skip;

async function adminQuery<T = unknown>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describePostgres('instances starting together on a fresh PostgreSQL database', () => {
  jest.setTimeout(180_000);

  it('all three become ready, and every migration ran exactly once', async () => {
    const name = `sg_start_${randomBytes(6).toString('hex')}`;
    await adminQuery(serverUrl!, `CREATE DATABASE ${name}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    const services: RunningService[] = [];
    try {
      const started = await Promise.allSettled(
        [1, 2, 3].map(() => startService({ DATABASE_URL: url.toString() }, 120_000)),
      );
      for (const result of started) if (result.status === 'fulfilled') services.push(result.value);
      expect(started.map((result) => result.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'fulfilled',
      ]);
      for (const service of services) {
        expect((await fetch(`${service.baseUrl}/health/ready`)).status).toBe(200);
      }
      const applied = await adminQuery<{ name: string }>(
        url.toString(),
        'SELECT name FROM migrations ORDER BY id',
      );
      expect(applied.map((row) => row.name)).toEqual(MIGRATIONS.map((migration) => migration.name));
    } finally {
      await Promise.all(services.map((service) => service.stop()));
      await adminQuery(serverUrl!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});
