import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { CONSOLE_PATH, consolePageHeaders } from '@/admin/console/console-headers';
import { AppConfig } from '@/platform/config';
import { OpenDatabase } from '@/platform/database/database';
import { setupDocs } from '@/docs/setup-docs';
import { QuietStartupLogger } from '@/platform/logging/quiet-startup-logger';
import { AppModule } from './app.module';

/**
 * Builds the Nest application on an already opened database. Used by main.ts
 * and by the e2e tests, so both run the very same app.
 */
export async function createApp(
  config: AppConfig,
  database: OpenDatabase,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, database),
    {
      // The wire layer decodes bodies from the raw bytes itself (JSON, XML, form, compressed JSON).
      bodyParser: false,
      bufferLogs: true,
    },
  );
  app.useLogger(new QuietStartupLogger(app.get(Logger)));
  app.disable('x-powered-by');
  app.set('etag', false);
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
      exposedHeaders: ['X-Request-Id'],
      maxAge: 600,
    });
  }
  setupDocs(app);
  app.use(CONSOLE_PATH, consolePageHeaders);
  return app;
}
