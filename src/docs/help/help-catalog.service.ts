import { Injectable } from '@nestjs/common';
import { RouteCatalog } from '@/docs/routes/route-catalog';
import { DocumentedRoute, UriParameter } from '@/docs/routes/documented-route';
import { WireSamples } from '@/docs/samples/wire-samples.service';
import { helpSamples } from '@/docs/samples/wire-samples';
import { ContractClass, contractRegistry } from '@/wire';
import { friendlyIdOf, relativePathOf } from './friendly-id';
import { HelpApi, HelpApiPage, ResourceModel } from './help-model';
import { MemberRow, memberRows } from './type-words';

const URI_TYPE_WORDS: Record<string, string> = {
  string: 'string',
  integer: 'integer',
  number: 'decimal number',
  boolean: 'boolean',
};

function uriRow(parameter: UriParameter): MemberRow {
  const text =
    parameter.format === 'uuid'
      ? 'globally unique identifier'
      : (URI_TYPE_WORDS[parameter.type] ?? parameter.type);
  return {
    name: parameter.name,
    description: parameter.description,
    type: { prefix: '', text, model: null },
    annotations: parameter.required ? ['Required'] : [],
  };
}

function resourceOf(contract: ContractClass): ResourceModel {
  const name = contractRegistry.plan(contract).name;
  return { type: { prefix: '', text: name, model: name }, rows: memberRows(contract) };
}

/** The legacy routes' Help pages: routes in the legacy error family that answer a wire contract. */
@Injectable()
export class HelpCatalog {
  private cached: HelpApi[] | null = null;

  constructor(
    private readonly routes: RouteCatalog,
    private readonly samples: WireSamples,
  ) {}

  apis(): HelpApi[] {
    this.cached ??= this.routes
      .routes()
      .filter((route) => route.family === 'legacy' && route.response !== null)
      .map((route) => this.apiOf(route));
    return this.cached;
  }

  /** By friendly id, case-insensitively (as ASP.NET's HelpController looks it up). */
  find(id: string): HelpApi | undefined {
    const wanted = id.toLowerCase();
    return this.apis().find((api) => api.id.toLowerCase() === wanted);
  }

  page(api: HelpApi): HelpApiPage {
    const { route } = api;
    const body = route.body;
    const response = route.response;
    return {
      api,
      uriParameters: route.uriParameters.map(uriRow),
      requestDocumentation: body?.optional
        ? 'Optional: the request may have no body (the credentials then come in a header).'
        : '',
      request: body ? resourceOf(body.contract) : null,
      requestSamples: body ? helpSamples(this.samples.of(body.contract), 'request') : [],
      responseDocumentation: response?.description ?? '',
      response: response ? resourceOf(response.contract) : null,
      responseSamples: response ? helpSamples(this.samples.of(response.contract), 'response') : [],
    };
  }

  /** A contract or enum page (`/Help/ResourceModel?modelName=AuditDataDTO`). */
  model(name: string): ResourceModel | null {
    const contract = contractRegistry.classByName(name);
    if (!contract || contractRegistry.plan(contract).collection) return null;
    return resourceOf(contract);
  }

  private apiOf(route: DocumentedRoute): HelpApi {
    return {
      id: friendlyIdOf(route),
      method: route.method,
      relativePath: relativePathOf(route),
      group:
        route.tags[0]?.replace(/^legacy:\s*/, '') ??
        route.controllerName.replace(/Controller$/, ''),
      documentation: route.summary || route.description,
      route,
    };
  }
}
