/**
 * Issue 13 item 5: the database time of admin list pages at scale, deep pages
 * included. On a database seeded with `seed:demo --users 100000 --sessions
 * 1000000`:
 *
 *   npm run build && DATABASE_URL=postgres://… node dist/bench/admin-db-time.js
 *
 * It calls the repository methods the admin routes call and, for the pages
 * it reports, runs each SELECT they send under `EXPLAIN (ANALYZE)` first (same
 * text, same parameters) and adds up planning + execution time. Pages are
 * reached the way a client reaches them: by following each page's key (the
 * cursor), and for comparison by page number (OFFSET). Page 1 and 2 of each
 * list are read once before measuring: the figures are a running service's,
 * not the first statement after a restart (which reads cold buffers).
 */
import { Client, QueryResult } from 'pg';
import { openDatabase } from '@/platform/database/database';
import { SCHEMA } from '@/schema';
import { Page, PageRequest } from '@/platform/paging/page';
import { ActiveUsersSort, SessionsRepository } from '@/sessions/sessions.repository';

const PAGE_SIZE = 20;
const SAMPLE_PAGES = [1, 2, 10, 100, 500, 1000, 2000];

/** Database time (ms) of every SELECT sent while `recording` is on. */
let recording: number[] | null = null;
const plainQuery = Client.prototype.query as (...args: unknown[]) => Promise<unknown>;
Client.prototype.query = async function explainedQuery(this: Client, ...args: unknown[]) {
  const [text, values] = args as [unknown, unknown[] | undefined];
  if (recording && typeof text === 'string' && /^\s*select/i.test(text)) {
    const explained = (await plainQuery.call(
      this,
      `EXPLAIN (ANALYZE, FORMAT JSON) ${text}`,
      values,
    )) as unknown as QueryResult<{ 'QUERY PLAN': Array<Record<string, number>> }>;
    const plan = explained.rows[0]['QUERY PLAN'][0];
    recording.push(plan['Planning Time'] + plan['Execution Time']);
  }
  return plainQuery.apply(this, args);
} as unknown as typeof Client.prototype.query;

interface Sample {
  list: string;
  page: number;
  how: 'cursor' | 'page number';
  /** The slowest statement the page sent, and all of them together (they run in parallel). */
  slowest: number;
  total: number;
}

async function measured<T>(fetch: () => Promise<T>): Promise<{ result: T; times: number[] }> {
  recording = [];
  try {
    const result = await fetch();
    return { result, times: recording };
  } finally {
    recording = null;
  }
}

function sample(list: string, page: number, how: Sample['how'], times: number[]): Sample {
  return {
    list,
    page,
    how,
    slowest: Math.max(...times),
    total: times.reduce((a, b) => a + b, 0),
  };
}

/** Follows keys from page 1 to the last page, measuring the sampled pages and the last one. */
async function walk<T>(
  list: string,
  fetchPage: (page: PageRequest) => Promise<Page<T>>,
): Promise<{ samples: Sample[]; pages: number }> {
  const samples: Sample[] = [];
  const first = await fetchPage({ page: 1, pageSize: PAGE_SIZE });
  if (first.nextKey) await fetchPage({ page: 2, pageSize: PAGE_SIZE, after: first.nextKey });
  let request: PageRequest = { page: 1, pageSize: PAGE_SIZE };
  for (;;) {
    const wanted = SAMPLE_PAGES.includes(request.page);
    const { result, times } = wanted
      ? await measured(() => fetchPage(request))
      : { result: await fetchPage(request), times: [] };
    if (wanted) samples.push(sample(list, request.page, 'cursor', times));
    if (!result.nextKey) {
      if (!wanted) {
        const last = await measured(() => fetchPage(request));
        samples.push(sample(list, request.page, 'cursor', last.times));
      }
      return { samples, pages: request.page };
    }
    request = { page: request.page + 1, pageSize: PAGE_SIZE, after: result.nextKey };
  }
}

async function byPageNumber<T>(
  list: string,
  pages: number[],
  fetchPage: (page: PageRequest) => Promise<Page<T>>,
): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const page of pages) {
    const { times } = await measured(() => fetchPage({ page, pageSize: PAGE_SIZE }));
    samples.push(sample(list, page, 'page number', times));
  }
  return samples;
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL to a database seeded with seed:demo');
  const database = await openDatabase({ url, dataDir: '', poolSize: 4 }, SCHEMA, {
    migrate: false,
  });
  const sessions = new SessionsRepository(database.dataSource);
  const rows: Sample[] = [];
  try {
    for (const sort of ['count', 'name'] as ActiveUsersSort[]) {
      const list = `list?sort=${sort}`;
      const fetchPage = (page: PageRequest) =>
        sessions.listUsersWithActiveSessions(undefined, sort, page);
      const walked = await walk(list, fetchPage);
      rows.push(...walked.samples);
      rows.push(...(await byPageNumber(list, [1, 2000, walked.pages], fetchPage)));
    }
    const [busiest] = (await database.dataSource.query(
      `SELECT id, active_session_count AS count FROM users ORDER BY active_session_count DESC LIMIT 1`,
    )) as Array<{ id: number; count: number }>;
    const list = `user-sessions (busiest user, ${busiest.count} sessions)`;
    const fetchPage = (page: PageRequest) => sessions.findActiveByUser(busiest.id, page);
    const walked = await walk(list, fetchPage);
    rows.push(...walked.samples);
    rows.push(...(await byPageNumber(list, [1, walked.pages], fetchPage)));
  } finally {
    await database.close();
  }
  const lines = [
    '| list | page | reached by | slowest statement ms | all statements ms |',
    '|---|---:|---|---:|---:|',
    ...rows.map(
      (row) =>
        `| ${row.list} | ${row.page} | ${row.how} | ${row.slowest.toFixed(2)} | ${row.total.toFixed(2)} |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const keyset = rows.filter((row) => row.how === 'cursor');
  const worst = Math.max(...keyset.map((row) => row.slowest));
  process.stdout.write(
    `\n${worst < 20 ? 'MEETS' : 'MISSES'}  every cursor page under 20 ms of database time: worst ${worst.toFixed(2)} ms\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
