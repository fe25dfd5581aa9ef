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

/**
 * The access log (src/pipeline.ts): the same destination as Nest's lines, but
 * without the redaction pass, since its lines hold only fields it chose
 * (request id, method, path, status, time), never headers or bodies.
 */
export const ACCESS_LOGGER = Symbol('ACCESS_LOGGER');

function loggers(config: AppConfig): { root: PinoRoot; access: PinoRoot } {
  const redact = { paths: REDACTED_PATHS, censor: '[redacted]' };
  // Readable lines for a person at a terminal in development; JSON everywhere else.
  if (config.nodeEnv === 'development' && process.stdout.isTTY) {
    const root = pino({
      level: config.logLevel,
      redact,
      transport: { target: 'pino-pretty', options: { singleLine: true } },
    });
    return { root, access: root };
  }
  // Asynchronous: a request never waits for its log line to reach stdout (pino flushes on exit).
  const destination = pino.destination({ dest: 1, sync: false });
  return {
    root: pino({ level: config.logLevel, redact }, destination),
    access: pino({ level: config.logLevel }, destination),
  };
}

/**
 * One JSON object per line. No per-request logging middleware: the access
 * line (request id, method, path, status, time) is written once per request
 * by the request pipeline (src/pipeline.ts), with one serialisation.
 */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    const { root, access } = loggers(config);
    return {
      module: LoggingModule,
      global: true,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger: root }, forRoutes: [] })],
      providers: [{ provide: ACCESS_LOGGER, useValue: access }],
      exports: [LoggerModule, ACCESS_LOGGER],
    };
  }
}
