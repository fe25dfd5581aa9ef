import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { Logger as PinoRoot } from 'pino';
import { AppConfig } from '@/platform/config';

/** Headers and fields that carry secrets: never written to a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-refresh-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.Password',
  '*.PasswordTemp',
  '*.token',
  '*.refreshToken',
  '*.sessionToken',
];

/** The one pino logger of the process: Nest's log lines and the access log (src/pipeline.ts) write to it. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

function rootLogger(config: AppConfig): PinoRoot {
  const options = {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  // Readable lines for a person at a terminal in development; JSON everywhere else.
  if (config.nodeEnv === 'development' && process.stdout.isTTY)
    return pino({
      ...options,
      transport: { target: 'pino-pretty', options: { singleLine: true } },
    });
  // Asynchronous: a request never waits for its log line to reach stdout (pino flushes on exit).
  return pino(options, pino.destination({ dest: 1, sync: false }));
}

/**
 * One JSON object per line. No per-request logging middleware: the access
 * line (request id, method, path, status, time) is written once per request
 * by the request pipeline (src/pipeline.ts), with one serialisation.
 */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    const root = rootLogger(config);
    return {
      module: LoggingModule,
      global: true,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger: root }, forRoutes: [] })],
      providers: [{ provide: ROOT_LOGGER, useValue: root }],
      exports: [LoggerModule, ROOT_LOGGER],
    };
  }
}
