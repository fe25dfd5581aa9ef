/**
 * `npm run bench` (SPEC 7): for each HTTP adapter (express, fastify), starts the
 * built service in a child process (embedded PGlite, or PostgreSQL when
 * DATABASE_URL is set) and the yardstick, a separate bare Nest app on the same
 * adapter (bench/bare-app.ts) in its own process; loads each route with
 * autocannon on loopback for a fixed time and prints one table per adapter,
 * the targets (ratios to the bare app measured in the same run), login
 * throughput per core at our argon2 parameters and at Keycloak's, and the
 * serializer microbenchmarks. The service's constant route (`GET
 * /pipeline-probe`, behind the whole request pipeline) is a row of its own:
 * what the pipeline costs. It is not the yardstick.
 *
 * BENCH_ADAPTERS  adapters to measure, in order (default express,fastify)
 * BENCH_DURATION  seconds per row (default 10)
 * BENCH_CONNECTIONS  autocannon connections (default 50)
 * BENCH_ROUNDS  the bare app, pipeline-probe and GET /Auth/Session rows are measured in
 *   this many interleaved rounds of DURATION/ROUNDS s and merged (default 2), so
 *   drifting background load hits them alike
 * BENCH_ADMIN_CONNECTIONS  connections for the admin rows (default 10: a dashboard)
 * BENCH_LOG_LEVEL  the service's LOG_LEVEL (default info, as in production; lines go to /dev/null)
 * BENCH_CPU_PROF  a directory: the service runs with `node --cpu-prof` and writes its profile there
 */
import 'reflect-metadata';
import { loadavg } from 'node:os';
import { startService } from '@test/support/service-process';
import { argon2Rate, KEYCLOAK, OURS } from './argon2-rate';
import { load, LoadResult, merge } from './load';
import { Row, table, targets } from './report';
import { report as reportSerializers, runSerializerBench } from './serializers';
import { machine, stormInWorker } from './machine';
import { benchDatabase, createBenchAdmin, deepestUserSessions, expectOk, login } from './setup';

const ADAPTERS = (process.env.BENCH_ADAPTERS ?? 'express,fastify').split(',');
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const ADMIN_CONNECTIONS = Number(process.env.BENCH_ADMIN_CONNECTIONS ?? 10);
const CPU_PROF = process.env.BENCH_CPU_PROF;
const STORM_LOGINS = 50;
const WARM_UP_SECONDS = 2;

type Headers = Record<string, string>;
interface Route {
  label: string;
  path: string;
  /** Another process's base URL (the bare app); the service's by default. */
  base?: string;
  headers: Headers;
  method?: 'GET' | 'POST';
  connections?: number;
}

const load1 = () => loadavg()[0].toFixed(1);

async function main(): Promise<void> {
  const database = benchDatabase();
  const env = {
    ...database.env,
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    PIPELINE_PROBE: '1',
    // Every request comes from 127.0.0.1: the per-IP login limit would turn the login rows into 429s.
    LOGIN_RATE_LIMIT: '1000000000',
    // The login rows log one account in over many connections at once; with the default threshold
    // only 5 checks of one account may run at a time (SPEC 5), the rest would be measured as 401s.
    LOCKOUT_THRESHOLD: '1000',
  };
  const admin = await createBenchAdmin(env);
  const sections: string[] = [];
  try {
    for (const [index, adapter] of ADAPTERS.entries())
      sections.push(await benchAdapter(adapter, index === 0, env, admin));
  } finally {
    database.cleanUp();
  }
  const argon2 = [];
  for (const setting of [OURS, KEYCLOAK])
    argon2.push({ setting, rate: await argon2Rate(setting, DURATION / 2) });

  console.log(`\n## session-gateway bench: ${database.label}\n`);
  console.log(
    `${machine()}; autocannon ${CONNECTIONS} connections (admin rows ${ADMIN_CONNECTIONS}), ${DURATION} s per row ` +
      `(bare app, pipeline probe and /Auth/Session in ${ROUNDS} interleaved rounds), service LOG_LEVEL=${env.LOG_LEVEL}`,
  );
  for (const section of sections) console.log(section);
  console.log('\n### password checks per core (argon2id verify, in-process, all cores busy)\n');
  console.log('| parameters | m | t | p | verifications/s | per core |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const { setting, rate } of argon2)
    console.log(
      `| ${setting.label} | ${setting.memoryCost / 1024} MiB | ${setting.timeCost} | ${setting.parallelism} | ` +
        `${rate.perSecond.toFixed(1)} | ${rate.perCore.toFixed(1)} |`,
    );
  console.log('\n## serializer microbenchmarks (UserSessionDTO)\n');
  reportSerializers(await runSerializerBench());
}

async function benchAdapter(
  adapter: string,
  first: boolean,
  env: Record<string, string>,
  admin: Awaited<ReturnType<typeof createBenchAdmin>>,
): Promise<string> {
  const withAdapter = { ...env, HTTP_ADAPTER: adapter };
  const service = await startService(withAdapter, {
    // A boot (and a fresh database's migrations) can take minutes on a busy machine.
    timeoutMs: 300_000,
    keepStdout: false,
    nodeArgs: CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}/${adapter}`] : [],
  });
  const bare = await startService(
    { NODE_ENV: 'production', HTTP_ADAPTER: adapter },
    {
      script: 'dist/bench/bare-app.js',
      readyPath: '/constant',
      keepStdout: false,
      timeoutMs: 300_000,
    },
  );
  const rows: Row[] = [];
  const loadBefore = load1();
  let summary: string;
  try {
    const base = service.baseUrl;
    const token = await login(base, admin);
    const bearer = `Bearer ${token}`;
    const run = (route: Route, seconds: number) =>
      load({
        url: (route.base ?? base) + route.path,
        method: route.method ?? 'GET',
        headers: route.headers,
        connections: route.connections ?? CONNECTIONS,
        durationSeconds: seconds,
      });
    const check = (route: Route) =>
      expectOk((route.base ?? base) + route.path, route.headers, { method: route.method ?? 'GET' });
    const record = (route: Route, result: LoadResult) => {
      rows.push({ route: route.label, result });
      process.stderr.write(
        `  ${adapter} ${route.label}: ${Math.round(result.requestsPerSecond)} req/s\n`,
      );
      return result;
    };
    process.stderr.write(`bench on ${adapter}\n`);

    const bareRoute = {
      label: `yardstick: bare Nest app (${adapter}), own process, constant JSON`,
      path: '/constant',
      base: bare.baseUrl,
      headers: { accept: 'application/json' },
    };
    const probeRoute = {
      label: 'pipeline cost: GET /pipeline-probe (constant JSON behind the whole pipeline)',
      path: '/pipeline-probe',
      headers: { accept: 'application/json' },
    };
    const xmlRoute = {
      label: 'GET /Auth/Session (XML)',
      path: '/Auth/Session',
      headers: { authorization: bearer, accept: 'application/xml' },
    };
    const jsonRoute = {
      ...xmlRoute,
      label: 'GET /Auth/Session (JSON)',
      headers: { authorization: bearer, accept: 'application/json' },
    };
    const compared = [bareRoute, probeRoute, xmlRoute, jsonRoute];
    for (const route of compared) {
      await check(route);
      await run(route, WARM_UP_SECONDS);
    }
    const rounds = compared.map((): LoadResult[] => []);
    for (let round = 0; round < ROUNDS; round++)
      for (const [i, route] of compared.entries())
        rounds[i].push(await run(route, DURATION / ROUNDS));
    const [yardstick, , sessionXml, sessionJson] = compared.map((route, i) =>
      record(route, merge(rounds[i])),
    );

    // Login throughput and the admin pages do not depend on the adapter: measured once.
    if (first) {
      for (const [label, accept] of [
        ['XML', 'application/xml'],
        ['JSON', 'application/json'],
        ['compressed JSON', 'application/x-compressed-json'],
      ]) {
        const route: Route = {
          label: `POST /Auth/Login (${label}), argon2id m=19 MiB t=2 p=1`,
          path: '/Auth/Login',
          method: 'POST',
          headers: { authorization: admin.basic, accept },
        };
        await check(route);
        record(route, await run(route, DURATION));
      }
      const adminHeaders = { authorization: bearer, accept: 'application/json' };
      const listRoute = {
        label: `GET admin authenticated-sessions/list (${ADMIN_CONNECTIONS} connections)`,
        path: '/api/admin/v1/authenticated-sessions/list',
        headers: adminHeaders,
        connections: ADMIN_CONNECTIONS,
      };
      await check(listRoute);
      record(listRoute, await run(listRoute, DURATION));
      const deep = await deepestUserSessions(base, token);
      const deepRoute = {
        label: `GET admin user-sessions/{guid}, last page of ${deep.sessions} (${ADMIN_CONNECTIONS} connections)`,
        path: deep.path,
        headers: adminHeaders,
        connections: ADMIN_CONNECTIONS,
      };
      await check(deepRoute);
      record(deepRoute, await run(deepRoute, DURATION));
    }

    const storm = stormInWorker({
      url: `${base}/Auth/Login`,
      method: 'POST',
      headers: { authorization: admin.basic, accept: 'application/json' },
      connections: STORM_LOGINS,
      durationSeconds: DURATION + 2,
    });
    await new Promise((done) => setTimeout(done, 1000));
    const during = record(
      { ...jsonRoute, label: `GET /Auth/Session (JSON) during ${STORM_LOGINS} concurrent logins` },
      await run(jsonRoute, DURATION),
    );
    rows.push({
      route: `  the storm itself: POST /Auth/Login, ${STORM_LOGINS} connections`,
      result: await storm,
    });

    for (const row of rows)
      if (!row.route.startsWith('  '))
        row.ratio = row.result.requestsPerSecond / yardstick.requestsPerSecond;
    const xmlRatio = sessionXml.requestsPerSecond / yardstick.requestsPerSecond;
    const jsonRatio = sessionJson.requestsPerSecond / yardstick.requestsPerSecond;
    const stormRatio = during.p99 / sessionJson.p99;
    summary = targets([
      {
        name: `${adapter}: GET /Auth/Session XML >= 70% of the bare app`,
        measured: `${Math.round(xmlRatio * 100)}%`,
        met: xmlRatio >= 0.7,
      },
      {
        name: `${adapter}: GET /Auth/Session JSON >= 75% of the bare app`,
        measured: `${Math.round(jsonRatio * 100)}%`,
        met: jsonRatio >= 0.75,
      },
      {
        name: `${adapter}: storm p99 <= 3x quiet p99`,
        measured: `${during.p99.toFixed(1)} ms vs ${sessionJson.p99.toFixed(1)} ms = ${stormRatio.toFixed(2)}x`,
        met: stormRatio <= 3,
      },
    ]);
  } finally {
    await Promise.all([service.stop(), bare.stop()]);
  }
  return (
    `\n### ${adapter} (HTTP_ADAPTER=${adapter}); load average ${loadBefore} before, ${load1()} after\n\n` +
    `${table(rows)}\n\n${summary}`
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
