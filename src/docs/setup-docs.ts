import { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { HTML_PAGE_PATHS, htmlPageHeaders } from './html-page-headers';
import { OpenApiDocument } from './openapi/openapi-document.service';

/**
 * Serves Swagger UI at `/docs` and the document at `/docs-json` (and `/docs-yaml`).
 * SwaggerModule registers these on the HTTP adapter directly, outside Nest's
 * guards, interceptors and filters: they are public, and the wire layer does
 * not touch them. The document is built on first request, then kept.
 * The HTML pages (these and `/Help`) get helmet's headers first.
 */
export function setupDocs(app: INestApplication): void {
  app.use(HTML_PAGE_PATHS, htmlPageHeaders);
  SwaggerModule.setup('docs', app, () => app.get(OpenApiDocument).build(app), {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    customSiteTitle: 'session-gateway API',
    swaggerOptions: {
      docExpansion: 'none',
      deepLinking: true,
      defaultModelsExpandDepth: 0,
      tryItOutEnabled: false,
    },
  });
}
