import { Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { basename, join, resolve } from 'node:path';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { CONSOLE_PATH, setConsoleCacheHeaders } from './console-headers';

/**
 * `npm run build` writes the console to `dist/web/admin`. This file runs from
 * `dist/src/admin/console` when built and from `src/admin/console` under Jest;
 * both find the same built assets.
 */
function builtConsoleDir(): string {
  const root = resolve(__dirname, '../../..');
  return join(basename(root) === 'dist' ? root : join(root, 'dist'), 'web/admin');
}

/**
 * The admin console's static files at `/admin` (public: the page holds no data;
 * everything it shows comes from `/api/admin/v1` with the signed-in bearer
 * token). Registered on the HTTP adapter, outside the guards; `setupConsole`
 * puts the security headers in front.
 */
@Module({
  imports: [
    ServeStaticModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => [
        {
          rootPath: builtConsoleDir(),
          serveRoot: CONSOLE_PATH,
          // On Fastify, @fastify/static itself serves `/admin/` (the index) and
          // a second route there is refused at start-up; its own render route
          // then only answers 404 for unknown paths below `/admin/`.
          renderPath: config.httpAdapter === 'fastify' ? '/*' : '/',
          serveStaticOptions: {
            index: 'index.html',
            cacheControl: false,
            etag: false,
            lastModified: false,
            dotfiles: 'deny',
            setHeaders: setConsoleCacheHeaders,
          },
        },
      ],
    }),
  ],
})
export class ConsoleModule {}
