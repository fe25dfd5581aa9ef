import { LoggerService } from '@nestjs/common';

/** Nest's own start-up chatter (one line per module, controller and route). */
const STARTUP_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

/**
 * Passes everything to the application logger but moves Nest's ~70 start-up
 * lines to debug, so `info` shows one line saying where the service listens.
 */
export class QuietStartupLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...optional: unknown[]): void {
    const context = optional[optional.length - 1];
    if (typeof context === 'string' && STARTUP_CONTEXTS.has(context)) {
      this.inner.debug?.(message, ...optional);
    } else {
      this.inner.log(message, ...optional);
    }
  }

  error(message: unknown, ...optional: unknown[]): void {
    this.inner.error(message, ...optional);
  }

  warn(message: unknown, ...optional: unknown[]): void {
    this.inner.warn(message, ...optional);
  }

  debug(message: unknown, ...optional: unknown[]): void {
    this.inner.debug?.(message, ...optional);
  }

  verbose(message: unknown, ...optional: unknown[]): void {
    this.inner.verbose?.(message, ...optional);
  }

  fatal(message: unknown, ...optional: unknown[]): void {
    (this.inner.fatal ?? this.inner.error).call(this.inner, message, ...optional);
  }
}
