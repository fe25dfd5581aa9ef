import {
  GUARDS_METADATA,
  HEADERS_METADATA,
  HTTP_CODE_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DECORATORS } from '@nestjs/swagger/dist/constants';
import { ContractClass, contractRegistry, WireBodyPipe, WireBodyParamOptions } from '@/wire';
import { UriParameter } from './documented-route';

/* Readers of the metadata Nest, the wire layer and @nestjs/swagger leave on controllers. */

type Handler = (...args: unknown[]) => unknown;
type Metadata = Record<string, unknown>;

interface RouteArgument {
  /** `${paramtype}:${index}`, or `${id}__customRouteArgs__:${index}` for custom decorators. */
  key: string;
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

function routeArguments(controller: object, handlerName: string): RouteArgument[] {
  const all = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handlerName) ?? {}) as Record<
    string,
    Omit<RouteArgument, 'key'>
  >;
  return Object.entries(all).map(([key, value]) => ({ ...value, key }));
}

/** The `@WireBody(Contract, options)` parameter, if the handler has one. */
export function wireBodyOf(controller: object, handlerName: string) {
  for (const argument of routeArguments(controller, handlerName)) {
    if (!argument.pipes?.includes(WireBodyPipe)) continue;
    const options = argument.data as WireBodyParamOptions;
    const name = contractRegistry.plan(options.contract).name;
    return {
      contract: options.contract,
      optional: options.optional ?? false,
      parameterName: options.parameterName ?? name.charAt(0).toLowerCase() + name.slice(1),
    };
  }
  return null;
}

/** `@Query('name')` / `@Param('name')` parameters, refined by `@ApiQuery`/`@ApiParam`. */
export function uriParametersOf(
  controller: object,
  handlerName: string,
  handler: Handler,
): UriParameter[] {
  const declared = (Reflect.getMetadata(DECORATORS.API_PARAMETERS, handler) ?? []) as Metadata[];
  const parameters = new Map<string, UriParameter>();
  for (const argument of routeArguments(controller, handlerName)) {
    const kind = Number(argument.key.split(':')[0]);
    if (typeof argument.data !== 'string') continue;
    if (kind === RouteParamtypes.QUERY || kind === RouteParamtypes.PARAM) {
      const place = kind === RouteParamtypes.QUERY ? 'query' : 'path';
      parameters.set(`${place}:${argument.data}`, {
        name: argument.data,
        in: place,
        required: place === 'path',
        description: '',
        type: 'string',
        declared: false,
      });
    }
  }
  for (const meta of declared) {
    if (meta.in !== 'query' && meta.in !== 'path') continue;
    const key = `${String(meta.in)}:${String(meta.name)}`;
    const schema = (meta.schema ?? {}) as Metadata;
    parameters.set(key, {
      name: String(meta.name),
      in: meta.in,
      required: meta.in === 'path' || meta.required === true,
      description: typeof meta.description === 'string' ? meta.description : '',
      type: typeof schema.type === 'string' ? schema.type : 'string',
      declared: true,
      ...(typeof schema.format === 'string' && { format: schema.format }),
    });
  }
  return [...parameters.values()];
}

/** The contract of a 2xx swagger response: `type: Contract`, or an inline registry schema (its `title`). */
export function successResponseOf(handler: Handler) {
  const responses = (Reflect.getMetadata(DECORATORS.API_RESPONSE, handler) ?? {}) as Record<
    string,
    Metadata
  >;
  for (const [status, response] of Object.entries(responses)) {
    if (!/^2\d\d$/.test(status)) continue;
    const contract = contractOfResponse(response);
    if (contract)
      return {
        contract,
        status: Number(status),
        description: typeof response.description === 'string' ? response.description : '',
      };
  }
  return null;
}

function contractOfResponse(response: Metadata): ContractClass | null {
  if (contractRegistry.isContract(response.type)) return response.type;
  const content = response.content as Record<string, { schema?: { title?: string } }> | undefined;
  const title = content?.['application/json']?.schema?.title;
  return title ? (contractRegistry.classByName(title) ?? null) : null;
}

export function httpCodeOf(handler: Handler, method: string): number {
  const code = Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined;
  return code ?? (method === 'POST' ? 201 : 200);
}

/** The `Content-Type` a handler fixes with `@Header`. */
export function fixedContentTypeOf(handler: Handler): string | null {
  const headers = (Reflect.getMetadata(HEADERS_METADATA, handler) ?? []) as Array<{
    name: string;
    value: string;
  }>;
  return headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? null;
}

export function guardsOf(controller: object, handler: Handler): unknown[] {
  return [
    ...((Reflect.getMetadata(GUARDS_METADATA, controller) ?? []) as unknown[]),
    ...((Reflect.getMetadata(GUARDS_METADATA, handler) ?? []) as unknown[]),
  ];
}

export function operationOf(handler: Handler): { summary: string; description: string } {
  const operation = (Reflect.getMetadata(DECORATORS.API_OPERATION, handler) ?? {}) as Metadata;
  return {
    summary: typeof operation.summary === 'string' ? operation.summary : '',
    description: typeof operation.description === 'string' ? operation.description : '',
  };
}

export function tagsOf(controller: object, handler: Handler): string[] {
  return [
    ...((Reflect.getMetadata(DECORATORS.API_TAGS, controller) ?? []) as string[]),
    ...((Reflect.getMetadata(DECORATORS.API_TAGS, handler) ?? []) as string[]),
  ];
}

export function isExcluded(controller: object, handler: Handler): boolean {
  const controllerExcluded = Reflect.getMetadata(DECORATORS.API_EXCLUDE_CONTROLLER, controller) as
    boolean[] | undefined;
  const endpoint = Reflect.getMetadata(DECORATORS.API_EXCLUDE_ENDPOINT, handler) as
    { disable?: boolean } | undefined;
  return controllerExcluded?.[0] === true || endpoint?.disable === true;
}
