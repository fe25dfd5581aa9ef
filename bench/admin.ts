/**
 * Issue 5's admin speed check: `npm run build && DATABASE_URL=... node dist/bench/admin.js`
 * on a database seeded with `seed:demo --users 100000 --sessions 1000000`. Loads the
 * `list` page, a page 40,000 rows deep by cursor (both orders), and the last
 * page of the busiest user's `user-sessions` at several
 * concurrencies and prints p50/p95/p99 (exact, from every response's latency).
 * BENCH_DURATION seconds per row (default 10).
 */
import { load } from './load';
import { machine } from './machine';
import { table, Row } from './report';
import { startService } from '@test/support/service-process';
import {
  benchDatabase,
  createBenchAdmin,
  cursorPathAfter,
  deepestUserSessions,
  login,
} from './setup';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);

async function main(): Promise<void> {
  const database = benchDatabase();
  const env = {
    ...database.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  };
  const admin = await createBenchAdmin(env);
  const service = await startService(env, { keepStdout: false });
  const rows: Row[] = [];
  try {
    const token = await login(service.baseUrl, admin);
    const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
    const deep = await deepestUserSessions(service.baseUrl, token);
    const list = '/api/admin/v1/authenticated-sessions/list';
    const paths: Array<[string, string]> = [
      ['list (page 1, by count)', list],
      ['list (page 1, by name)', `${list}?sort=name`],
      [
        'list (by count, cursor after 40,000 rows)',
        await cursorPathAfter(service.baseUrl, token, `${list}?sort=count`, 40_000),
      ],
      [
        'list (by name, cursor after 40,000 rows)',
        await cursorPathAfter(service.baseUrl, token, `${list}?sort=name`, 40_000),
      ],
      [`user-sessions, last page of ${deep.sessions} (page number)`, deep.path],
    ];
    for (const connections of [1, 10, 50])
      for (const [label, path] of paths) {
        const result = await load({
          url: service.baseUrl + path,
          headers,
          connections,
          durationSeconds: DURATION,
        });
        rows.push({ route: `${label}, ${connections} connection(s)`, result });
        process.stderr.write(`  ${label} c=${connections}: p95 ${result.p95.toFixed(1)} ms\n`);
      }
  } finally {
    await service.stop();
    database.cleanUp();
  }
  console.log(`\n## admin latency: ${database.label}\n\n${machine()}, ${DURATION} s per row\n`);
  console.log(table(rows));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
