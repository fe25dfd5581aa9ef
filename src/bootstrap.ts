import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import type { FastifyAdapter } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { CONSOLE_PATH, consolePageHeaders } from '@/admin/console/console-headers';
import { AppConfig } from '@/platform/config';
import { OpenDatabase } from '@/platform/database/database';
import { setupDocs } from '@/docs/setup-docs';
import { QuietStartupLogger } from '@/platform/logging/quiet-startup-logger';
import { AppModule } from './app.module';
import { installRequestPipeline } from './pipeline';

/**
 * The platform under Nest (HTTP_ADAPTER). Both behave alike on the wire: the
 * wire layer reads the raw bytes and writes through its adapter boundary
 * (src/wire/http/http-adapter.ts), and the options here make Fastify route as
 * Express does (case-insensitive, trailing slash ignored, no automatic HEAD).
 */
export async function httpAdapter(config: AppConfig): Promise<ExpressAdapter | FastifyAdapter> {
  if (config.httpAdapter === 'express') return new ExpressAdapter();
  // Loaded only when chosen: Fastify would add to every Express start-up.
  const { FastifyAdapter } = await import('@nestjs/platform-fastify');
  const fastify = new FastifyAdapter({
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
    // HEAD on a GET route is 405, as Web API answers (see HeadRequestMiddleware).
    exposeHeadRoutes: false,
    // Proxies are trusted by the client-IP resolver (TRUSTED_PROXIES), not by the platform.
    trustProxy: false,
    // No Fastify-side body limit: nothing is parsed here (see below); the wire layer bounds bodies.
    bodyLimit: Number.MAX_SAFE_INTEGER,
  });
  // The wire layer decodes every body from the raw stream itself: Fastify parses nothing.
  const instance = fastify.getInstance();
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
  return fastify;
}

/**
 * Builds the Nest application on an already opened database. Used by main.ts,
 * the e2e tests and the bench, so all run the very same app and pipeline.
 */
export async function createApp(
  config: AppConfig,
  database: OpenDatabase,
): Promise<INestApplication> {
  const app = await NestFactory.create<INestApplication>(
    AppModule.forRoot(config, database),
    await httpAdapter(config),
    {
      // The wire layer decodes bodies from the raw bytes itself (JSON, XML, form, compressed JSON).
      bodyParser: false,
      bufferLogs: true,
    },
  );
  app.useLogger(new QuietStartupLogger(app.get(Logger)));
  if (config.httpAdapter === 'express') {
    const express = app as NestExpressApplication;
    express.disable('x-powered-by');
    express.set('etag', false);
  }
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
      exposedHeaders: ['X-Request-Id'],
      maxAge: 600,
    });
  }
  installRequestPipeline(app);
  setupDocs(app);
  app.use(CONSOLE_PATH, consolePageHeaders);
  return app;
}
