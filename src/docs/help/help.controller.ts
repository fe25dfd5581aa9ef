import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '@/platform/http/public.decorator';
import { sendBytes } from '@/wire/http/http-adapter';
import { HelpCatalog } from './help-catalog.service';
import { apiView, indexView, notFoundView, resourceModelView } from './help-views';

const HTML = 'text/html; charset=utf-8';
const HTML_CONTENT = { 'text/html': { schema: { type: 'string' } } };

/**
 * `/Help`: the ASP.NET Help Page look-alike for the legacy routes. Pages are
 * rendered once per process (the catalog and samples do not change) and
 * written through the HTTP adapter, so the wire layer leaves them alone.
 */
@ApiTags('docs')
@ApiProduces('text/html')
@Controller('Help')
@Public()
export class HelpController {
  private readonly pages = new Map<string, Buffer>();

  constructor(private readonly catalog: HelpCatalog) {}

  @Get()
  @ApiOperation({ summary: 'Help Page index: the legacy routes' })
  @ApiOkResponse({ description: 'HTML', content: HTML_CONTENT })
  index(@Res() response: unknown): void {
    this.send(response, 200, 'index', () => indexView(this.catalog.apis()));
  }

  @Get('Api/:apiId')
  @ApiOperation({
    summary: 'Help Page of one legacy route',
    description: 'URI parameters, body and response descriptions, and samples in every media type.',
  })
  @ApiOkResponse({ description: 'HTML', content: HTML_CONTENT })
  @ApiNotFoundResponse({ description: 'No route has that id (HTML)', content: HTML_CONTENT })
  api(@Param('apiId') apiId: string, @Res() response: unknown): void {
    const api = this.catalog.find(apiId);
    if (!api) return this.sendNotFound(response, `the API id '${apiId}'`);
    this.send(response, 200, `api:${api.id}`, () => apiView(this.catalog.page(api)));
  }

  @Get('ResourceModel')
  @ApiOperation({ summary: "Help Page of one contract's members" })
  @ApiOkResponse({ description: 'HTML', content: HTML_CONTENT })
  @ApiNotFoundResponse({ description: 'No contract has that name (HTML)', content: HTML_CONTENT })
  model(@Query('modelName') modelName: string | undefined, @Res() response: unknown): void {
    const name = typeof modelName === 'string' ? modelName : '';
    const model = this.catalog.model(name);
    if (!model) return this.sendNotFound(response, `the model '${name}'`);
    this.send(response, 200, `model:${name}`, () => resourceModelView(name, model));
  }

  private send(response: unknown, status: number, key: string, render: () => string): void {
    let page = this.pages.get(key);
    if (!page) {
      page = Buffer.from(render(), 'utf8');
      this.pages.set(key, page);
    }
    sendBytes(response, status, HTML, page);
  }

  private sendNotFound(response: unknown, what: string): void {
    sendBytes(response, 404, HTML, Buffer.from(notFoundView(what), 'utf8'));
  }
}
