/**
 * `npm run bench` (SPEC 7): starts the built service in a child process (embedded
 * PGlite, or PostgreSQL when DATABASE_URL is set) and the yardstick, a separate
 * bare Nest app (bench/bare-app.ts) in its own process, loads each route with
 * autocannon on loopback for a fixed time, and prints one table, the targets
 * (ratios to the bare app measured in the same run) and the serializer
 * microbenchmarks. The service's own constant route (`/bench/yardstick`, behind
 * the whole request pipeline) is a second row: what the pipeline costs.
 *
 * BENCH_DURATION  seconds per row (default 10)
 * BENCH_CONNECTIONS  autocannon connections (default 50)
 * BENCH_ROUNDS  the yardstick and GET /Auth/Session rows are measured in this many
 *   interleaved rounds of DURATION/ROUNDS s and merged (default 2), so drifting
 *   background load hits them alike
 * BENCH_ADMIN_CONNECTIONS  connections for the admin rows (default 10: a dashboard)
 * BENCH_LOG_LEVEL  the service's LOG_LEVEL (default info, as in production; lines go to /dev/null)
 */
import 'reflect-metadata';
import { load, LoadResult, merge } from './load';
import { Row, table, targets } from './report';
import { report as reportSerializers, runSerializerBench } from './serializers';
import { machine, stormInWorker } from './machine';
import { startBareApp, startService } from './service';
import { benchDatabase, createBenchAdmin, deepestUserSessions, expectOk, login } from './setup';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const ADMIN_CONNECTIONS = Number(process.env.BENCH_ADMIN_CONNECTIONS ?? 10);
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

async function main(): Promise<void> {
  const database = benchDatabase();
  const env = {
    ...database.env,
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    BENCH_YARDSTICK: '1',
    // Every request comes from 127.0.0.1: the per-IP login limit would turn the login rows into 429s.
    LOGIN_RATE_LIMIT: '1000000000',
    // The login rows log one account in over many connections at once; with the default threshold
    // only 5 checks of one account may run at a time (SPEC 5), the rest would be measured as 401s.
    LOCKOUT_THRESHOLD: '1000',
  };
  const admin = await createBenchAdmin(env);
  const service = await startService(env);
  const bare = await startBareApp();
  const rows: Row[] = [];
  let summary = '';
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
      process.stderr.write(`  ${route.label}: ${Math.round(result.requestsPerSecond)} req/s\n`);
      return result;
    };
    process.stderr.write(`bench on ${database.label}\n`);

    const yardstickRoute = {
      label: 'yardstick: bare Nest app, own process, constant JSON',
      path: '/constant',
      base: bare.baseUrl,
      headers: { accept: 'application/json' },
    };
    const pipelineRoute = {
      label: "the service's constant route (GET /bench/yardstick): the pipeline's cost",
      path: '/bench/yardstick',
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
    const compared = [yardstickRoute, pipelineRoute, xmlRoute, jsonRoute];
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

    for (const [label, accept] of [
      ['XML', 'application/xml'],
      ['JSON', 'application/json'],
      ['compressed JSON', 'application/x-compressed-json'],
    ]) {
      const route: Route = {
        label: `POST /Auth/Login (${label})`,
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
        name: 'GET /Auth/Session XML >= 70% of the yardstick',
        measured: `${Math.round(xmlRatio * 100)}%`,
        met: xmlRatio >= 0.7,
      },
      {
        name: 'GET /Auth/Session JSON >= 75% of the yardstick',
        measured: `${Math.round(jsonRatio * 100)}%`,
        met: jsonRatio >= 0.75,
      },
      {
        name: 'storm p99 <= 3x quiet p99',
        measured: `${during.p99.toFixed(1)} ms vs ${sessionJson.p99.toFixed(1)} ms = ${stormRatio.toFixed(2)}x`,
        met: stormRatio <= 3,
      },
    ]);
  } finally {
    await Promise.all([service.stop(), bare.stop()]);
    database.cleanUp();
  }
  console.log(`\n## session-gateway bench: ${database.label}\n`);
  console.log(
    `${machine()}; autocannon ${CONNECTIONS} connections (admin rows ${ADMIN_CONNECTIONS}), ${DURATION} s per row ` +
      `(yardstick and /Auth/Session in ${ROUNDS} interleaved rounds), service LOG_LEVEL=${env.LOG_LEVEL}\n`,
  );
  console.log(table(rows));
  console.log(`\n${summary}`);
  console.log('\n## serializer microbenchmarks (UserSessionDTO)\n');
  reportSerializers(await runSerializerBench());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
