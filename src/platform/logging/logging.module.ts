import { Module } from '@nestjs/common';
import { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { enterRequestContext } from '@/platform/request-context/request-context';
import { REQUEST_ID } from '@/platform/request-context/request-id';
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

/** A caller's X-Request-Id when it is sane, else a fresh one; echoed back. */
export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const offered = req.headers['x-request-id'];
  const id = typeof offered === 'string' && REQUEST_ID.test(offered) ? offered : randomUUID();
  res.setHeader('X-Request-Id', id);
  enterRequestContext(id);
  return id;
}

/** One JSON object per line, each request's lines tagged with its request id. */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig) {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // Readable lines for a person at a terminal in development; JSON everywhere else.
            ...(config.nodeEnv === 'development' && process.stdout.isTTY
              ? { transport: { target: 'pino-pretty', options: { singleLine: true } } }
              : {}),
            genReqId: requestIdOf,
            redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
            // The query string may carry IP= and search terms; keep only the path.
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                path: req.url.split('?')[0],
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            customLogLevel: (_req, res, error) =>
              error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
