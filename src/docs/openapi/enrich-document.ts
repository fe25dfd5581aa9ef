import { OpenAPIObject } from '@nestjs/swagger';
import {
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { DocumentedRoute } from '@/docs/routes/documented-route';
import { WireSamples } from '@/docs/samples/wire-samples.service';
import { ContractSchemas, contractRegistry } from '@/wire';
import { ERROR_SCHEMAS } from './error-schemas';
import { withErrorResponses } from './error-responses';
import { CREDENTIAL_HEADERS, SECURITY_SCHEMES, securityOf } from './security';
import { wireContent } from './wire-content';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function isParameter(parameter: ParameterObject | ReferenceObject): parameter is ParameterObject {
  return 'in' in parameter;
}

function uriParameters(route: DocumentedRoute, operation: OperationObject): ParameterObject[] {
  const kept = (operation.parameters ?? [])
    .filter(isParameter)
    .filter(
      (p) =>
        (p.in === 'path' || p.in === 'query' || p.in === 'header') &&
        p.name !== undefined &&
        !(p.in === 'header' && CREDENTIAL_HEADERS.has(p.name.toLowerCase())),
    );
  for (const parameter of route.uriParameters) {
    if (kept.some((p) => p.in === parameter.in && p.name === parameter.name)) continue;
    kept.push({
      name: parameter.name,
      in: parameter.in,
      required: parameter.required,
      description: parameter.description,
      schema: {
        type: parameter.type as 'string',
        ...(parameter.format && { format: parameter.format }),
      },
    });
  }
  return kept;
}

/** The success answer: the route's contract in every media type, or what a non-wire route declared. */
function successResponses(
  route: DocumentedRoute,
  responses: Record<string, ResponseObject>,
  samples: WireSamples,
  schemas: ContractSchemas,
): Record<string, ResponseObject> {
  const result = { ...responses };
  if (route.response) {
    const status = String(route.response.status);
    result[status] = {
      description: route.response.description || responses[status]?.description || 'OK',
      content: wireContent(
        schemas,
        route.response.contract,
        samples.responseExample(route.response.contract),
        'response',
      ),
    };
  } else if (route.contentType) {
    const status = String(route.successStatus);
    result[status] = {
      description: responses[status]?.description || 'OK',
      content: { [route.contentType.split(';')[0].trim()]: { schema: { type: 'string' } } },
    };
  }
  // Swagger's default answer for an undecorated handler says nothing; drop it when a real one exists.
  for (const [status, response] of Object.entries(result)) {
    if (/^2/.test(status) && !response.description && !response.content) delete result[status];
  }
  if (!Object.keys(result).some((status) => /^2/.test(status)))
    result[String(route.successStatus)] = { description: 'OK' };
  return result;
}

function enrichOperation(
  route: DocumentedRoute,
  operation: OperationObject,
  samples: WireSamples,
  schemas: ContractSchemas,
): OperationObject {
  const enriched: OperationObject = { ...operation, parameters: uriParameters(route, operation) };
  if (route.body) {
    enriched.requestBody = {
      required: !route.body.optional,
      description: `${contractRegistry.plan(route.body.contract).name}${
        route.body.optional ? ' (optional: no body, or `Content-Length: 0`, is accepted)' : ''
      }`,
      content: wireContent(
        schemas,
        route.body.contract,
        samples.requestExample(route.body.contract),
        'request',
      ),
    };
  }
  enriched.responses = withErrorResponses(
    route,
    successResponses(
      route,
      operation.responses as Record<string, ResponseObject>,
      samples,
      schemas,
    ),
  );
  enriched.security = securityOf(route, operation.security);
  return enriched;
}

/** Component schemas swagger made from `type: Contract` (empty: contracts carry no @ApiProperty); the registry's replace them. */
function dropContractModels(document: OpenAPIObject): void {
  const schemas = document.components?.schemas;
  if (!schemas) return;
  for (const name of Object.keys(schemas)) {
    if (contractRegistry.classByName(name)) delete schemas[name];
  }
}

/**
 * Completes the document @nestjs/swagger builds from the controllers with what
 * the wire layer knows: request bodies from `@WireBody`, every media type
 * referencing the contract's named schema (`components.schemas`, one per
 * contract form) with an example, each route family's error bodies, and the
 * auth schemes (`security: []` on public routes).
 */
export function enrichDocument(
  document: OpenAPIObject,
  routes: DocumentedRoute[],
  samples: WireSamples,
): OpenAPIObject {
  const byOperationId = new Map(routes.map((route) => [route.operationId, route]));
  const schemas = new ContractSchemas(
    new Set(Object.keys(ERROR_SCHEMAS)),
    routes.flatMap((route) => (route.body ? [route.body.contract] : [])),
  );
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      const route = operation?.operationId ? byOperationId.get(operation.operationId) : undefined;
      if (operation && route) item[method] = enrichOperation(route, operation, samples, schemas);
    }
  }
  dropContractModels(document);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...ERROR_SCHEMAS, ...schemas.components() },
    securitySchemes: { ...document.components?.securitySchemes, ...SECURITY_SCHEMES },
  };
  return document;
}
