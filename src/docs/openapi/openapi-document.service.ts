import { INestApplication, Injectable } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { RouteCatalog } from '@/docs/routes/route-catalog';
import { WireSamples } from '@/docs/samples/wire-samples.service';
import { API_DESCRIPTION } from './api-description';
import { enrichDocument } from './enrich-document';

/** Builds `/docs-json`: @nestjs/swagger's scan of the controllers, completed from the wire layer. */
@Injectable()
export class OpenApiDocument {
  constructor(
    private readonly catalog: RouteCatalog,
    private readonly samples: WireSamples,
  ) {}

  build(app: INestApplication): OpenAPIObject {
    const config = new DocumentBuilder()
      .setTitle('session-gateway')
      .setDescription(API_DESCRIPTION)
      .setVersion('1')
      // Relative: the service answers where this document is served, whatever its host and port.
      .addServer('/', 'This service (the host that serves /docs-json)')
      .build();
    const document = SwaggerModule.createDocument(app, config, {
      // The default spelled out: the route catalog finds operations by it.
      operationIdFactory: (controller, method) => `${controller}_${method}`,
    });
    return enrichDocument(document, this.catalog.routes(), this.samples);
  }
}
