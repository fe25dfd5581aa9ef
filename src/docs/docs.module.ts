import { Module } from '@nestjs/common';
import { HelpCatalog } from './help/help-catalog.service';
import { HelpController } from './help/help.controller';
import { OpenApiDocument } from './openapi/openapi-document.service';
import { RouteCatalog } from './routes/route-catalog';
import { WireSamples } from './samples/wire-samples.service';

/** `/docs` (OpenAPI, served by `setupDocs`) and `/Help` (ASP.NET Help Page look-alike). */
@Module({
  controllers: [HelpController],
  providers: [RouteCatalog, WireSamples, HelpCatalog, OpenApiDocument],
  exports: [OpenApiDocument],
})
export class DocsModule {}
