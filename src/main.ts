import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { AppConfig, ConfigError, configFromEnvironment } from '@/platform/config';
import { DatabaseUnavailableError, openDatabase } from '@/platform/database/database';
import { SCHEMA } from '@/schema';
import { createApp } from './bootstrap';

/** Start-up failures print one clear line naming the cause, then exit non-zero. */
function fail(message: string): never {
  process.stderr.write(`session-gateway: ${message}\n`);
  process.exit(1);
}

const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Stops accepting connections, lets in-flight requests finish, closes the
 * database, then exits 0. A second signal or a stuck close forces the exit.
 */
function closeGracefullyOn(signals: NodeJS.Signals[], app: INestApplication, logger: Logger): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    logger.log({ msg: 'shutting down', signal });
    setTimeout(
      () => fail(`shutdown took longer than ${SHUTDOWN_GRACE_MS} ms`),
      SHUTDOWN_GRACE_MS,
    ).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => fail(`shutdown failed: ${(error as Error).message}`),
    );
  };
  for (const signal of signals) process.on(signal, shutdown);
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  let config: AppConfig;
  try {
    config = configFromEnvironment();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }

  const database = await openDatabase(config.database, SCHEMA).catch((error: unknown) => {
    if (error instanceof DatabaseUnavailableError) fail(error.message);
    throw error;
  });

  const app = await createApp(config, database);
  const logger = app.get(Logger);
  closeGracefullyOn(['SIGTERM', 'SIGINT'], app, logger);
  if (config.jwt.generated) {
    logger.warn('JWT_SECRET is not set: using a random secret; tokens will not survive a restart');
  }
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = ['0.0.0.0', '::'].includes(config.host) ? 'localhost' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.log({
    msg: `session-gateway listening on ${url} (API documentation: ${url}/docs)`,
    url,
    docs: `${url}/docs`,
    port,
    database: database.embedded
      ? `embedded PGlite (DATA_DIR=${config.database.dataDir})`
      : 'PostgreSQL',
    startupMs: Date.now() - startedAt,
  });
}

main().catch((error: unknown) =>
  fail(`start-up failed: ${(error as Error).stack ?? String(error)}`),
);
