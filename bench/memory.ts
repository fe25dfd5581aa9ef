/**
 * Issue 13 item 6: does the service's memory stay flat under a long mixed
 * load? Every cache and memo must have a bound, so RSS should level off.
 *
 *   npm run build && DATABASE_URL=… node dist/bench/memory.js
 *
 * On PostgreSQL: the demo users are seeded by the CLI beside the running
 * service, which an embedded DATA_DIR's lock rightly refuses. BENCH_MEMORY_SECONDS (default 600)
 * of, at once: logins of seeded demo users (each a new session and token),
 * session checks (`GET /Auth/Session`) with tokens drawn from every session
 * made so far, so the session cache and the token memo keep meeting new keys,
 * and logouts of random sessions. The service's RSS is read from
 * /proc/<pid>/status at start, after seeding, and every 10 s.
 */
import { readFileSync } from 'node:fs';
import { DEMO_ADMIN_USERNAME, DEMO_PASSWORD } from '@/cli/seed/demo-data';
import { machine } from './machine';
import { runCli, startService } from '@test/support/service-process';
import { benchDatabase } from './setup';

const SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? 600);
const USERS = Number(process.env.BENCH_MEMORY_USERS ?? 2000);

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

const basic = (user: string) =>
  `Basic ${Buffer.from(`${user}:${DEMO_PASSWORD}`).toString('base64')}`;

async function login(baseUrl: string, user: string): Promise<string | null> {
  const response = await fetch(`${baseUrl}/Auth/Login`, {
    method: 'POST',
    headers: { authorization: basic(user), accept: 'application/json' },
  });
  if (response.status !== 200) {
    await response.arrayBuffer();
    return null;
  }
  return ((await response.json()) as { userToken: string }).userToken;
}

async function main(): Promise<void> {
  const database = benchDatabase();
  if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL (PostgreSQL): see the header');
  const env = {
    ...database.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  };
  const service = await startService(env, { keepStdout: false, timeoutMs: 300_000 });
  const samples: Array<[string, number]> = [['start (migrated, idle)', rssMiB(service.pid)]];
  try {
    const seeded = await runCli(
      ['seed:demo', '--users', String(USERS), '--sessions', '0', '--yes'],
      env,
      '',
      600_000,
    );
    if (seeded.code !== 0) throw new Error(`seed:demo failed:\n${seeded.stderr}`);
    const admin = await login(service.baseUrl, DEMO_ADMIN_USERNAME);
    if (!admin) throw new Error('demo admin login failed');
    const usernames: string[] = [];
    for (let page = 1; usernames.length < USERS; page++) {
      const response = await fetch(
        `${service.baseUrl}/api/admin/v1/users?pageSize=200&page=${page}`,
        { headers: { authorization: `Bearer ${admin}`, accept: 'application/json' } },
      );
      const body = (await response.json()) as { Items: Array<{ UserName: string }> };
      if (body.Items.length === 0) break;
      usernames.push(...body.Items.map((item) => item.UserName));
    }
    samples.push([`after seeding ${usernames.length} users`, rssMiB(service.pid)]);

    const tokens: string[] = [];
    const counts = { logins: 0, checks: 0, logouts: 0, failures: 0 };
    const end = Date.now() + SECONDS * 1000;
    const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];
    const loop = async (step: () => Promise<void>) => {
      while (Date.now() < end) await step().catch(() => counts.failures++);
    };
    const loginStep = async () => {
      const token = await login(service.baseUrl, pick(usernames));
      if (token) {
        tokens.push(token);
        counts.logins++;
      } else counts.failures++;
    };
    const checkStep = async () => {
      if (tokens.length === 0) return new Promise<void>((r) => setTimeout(r, 50));
      const response = await fetch(`${service.baseUrl}/Auth/Session`, {
        headers: {
          authorization: `Bearer ${pick(tokens)}`,
          accept: Math.random() < 0.5 ? 'application/xml' : 'application/json',
        },
      });
      await response.arrayBuffer();
      counts.checks++;
    };
    const logoutStep = async () => {
      await new Promise((r) => setTimeout(r, 100));
      if (tokens.length < 10) return;
      const index = Math.floor(Math.random() * tokens.length);
      const [token] = tokens.splice(index, 1);
      const response = await fetch(`${service.baseUrl}/Auth/Logout`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      });
      await response.arrayBuffer();
      counts.logouts++;
    };
    const sampler = setInterval(() => {
      const elapsed = Math.round(SECONDS - (end - Date.now()) / 1000);
      samples.push([`${elapsed} s`, rssMiB(service.pid)]);
      process.stderr.write(`  ${elapsed} s: RSS ${samples.at(-1)![1].toFixed(0)} MiB\n`);
    }, 10_000);
    await Promise.all([
      ...Array.from({ length: 4 }, () => loop(loginStep)),
      ...Array.from({ length: 16 }, () => loop(checkStep)),
      loop(logoutStep),
    ]);
    clearInterval(sampler);
    samples.push(['end', rssMiB(service.pid)]);
    const loaded = samples.slice(2).map(([, rss]) => rss);
    const lines = [
      `\n## memory under mixed load: ${database.label}\n`,
      `${machine()}, ${SECONDS} s; ${counts.logins} logins, ${counts.checks} session checks ` +
        `(${new Set(tokens).size} live tokens at the end), ${counts.logouts} logouts, ` +
        `${counts.failures} failures\n`,
      '| when | RSS MiB |',
      '|---|---:|',
      ...samples
        .filter((_, index) => index < 2 || index % 6 === 1 || index === samples.length - 1)
        .map(([when, rss]) => `| ${when} | ${rss.toFixed(0)} |`),
      '',
      `RSS over the load: min ${Math.min(...loaded).toFixed(0)} MiB, max ${Math.max(...loaded).toFixed(0)} MiB; ` +
        `last minute's mean vs second minute's: ${(mean(loaded.slice(-6)) - mean(loaded.slice(6, 12))).toFixed(0)} MiB`,
    ];
    console.log(lines.join('\n'));
  } finally {
    await service.stop();
    database.cleanUp();
  }
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
