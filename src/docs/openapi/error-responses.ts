import {
  ContentObject,
  ResponseObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ERROR_KINDS } from '@/platform/errors/domain-error';
import { DocumentedRoute } from '@/docs/routes/documented-route';
import { errorBody, errorXml, UNAUTHENTICATED_TEXT } from '@/wire/http/error-bodies';
import { errorSchemaRef } from './error-schemas';
import { COMPRESSED_JSON, JSON_TYPES, RESPONSE_MEDIA_TYPES, XML_TYPES } from './media-types';

const GRPC_BY_STATUS = new Map<number, number>(
  Object.values(ERROR_KINDS).map((kind) => [kind.status, kind.grpc]),
);

/** A typical error of each status, as code + message; the body comes from the wire layer's writer. */
const TYPICAL: Record<number, { code: string; message: string; why: string }> = {
  400: {
    code: 'InvalidRequest',
    message: 'The request is invalid.',
    why: 'Malformed or invalid body or parameter',
  },
  401: {
    code: 'Unauthenticated',
    message: UNAUTHENTICATED_TEXT,
    why: 'No, expired or revoked bearer token',
  },
  403: {
    code: 'PermissionDenied',
    message: 'The caller lacks the permission this action needs.',
    why: 'Missing permission',
  },
  413: {
    code: 'PayloadTooLarge',
    message: 'The request entity is too large.',
    why: 'Body over the limit (1 MiB, XML 256 KiB by default; compressed bodies measured inflated)',
  },
  415: {
    code: 'UnsupportedMediaType',
    message: "The request entity's media type 'text/plain' is not supported for this resource.",
    why: 'Content-Type not JSON, XML, compressed JSON or a form, or a body without Content-Type',
  },
  429: {
    code: 'TooManyRequests',
    message: 'ThrottlerException: Too Many Requests',
    why: 'Rate limited per client IP',
  },
  404: { code: 'NotFound', message: 'The resource was not found.', why: 'Not found' },
  409: { code: 'Conflict', message: 'The resource is in a conflicting state.', why: 'Conflict' },
  503: { code: 'Unavailable', message: 'Service Unavailable Exception', why: 'Unavailable' },
  500: {
    code: 'Internal',
    message: 'An error has occurred.',
    why: 'Unexpected failure; no details',
  },
};

/** The error statuses a route answers whether or not its controller says so. */
export function defaultErrorStatuses(route: DocumentedRoute): number[] {
  const statuses = new Set<number>();
  if (route.body || route.uriParameters.some((p) => p.in === 'query' && p.declared))
    statuses.add(400);
  if (!route.isPublic || route.apiKey) statuses.add(401);
  if (route.permissions.length > 0) statuses.add(403);
  if (route.body) [413, 415].forEach((status) => statuses.add(status));
  if (route.throttled) statuses.add(429);
  statuses.add(500);
  return [...statuses];
}

export function defaultErrorDescription(route: DocumentedRoute, status: number): string {
  if (status === 401 && route.family === 'oauth') return '`invalid_client`: no or unknown client';
  if (status === 401 && route.apiKey) return 'Missing or unknown `X-Api-Key`';
  return TYPICAL[status]?.why ?? 'Error';
}

/** The stable error name a response description mentions (`err_NoActiveSession`, `SessionNotFound`). */
function codeIn(description: string): string | undefined {
  return (
    /err_(\w+)/.exec(description)?.[1] ?? /^(?:gRPC \d+: )?([A-Z][a-z]\w+)/.exec(description)?.[1]
  );
}

/** Error content in every media type, the example written by the wire layer's own error writer. */
export function errorContent(
  route: DocumentedRoute,
  status: number,
  description: string,
): ContentObject {
  const typical = TYPICAL[status] ?? { code: 'Error', message: 'An error has occurred.', why: '' };
  const body = errorBody(route.family, {
    status,
    grpc: GRPC_BY_STATUS.get(status) ?? 13,
    code: codeIn(description) ?? typical.code,
    message: typical.message,
    ...(status === 400 &&
      route.body && {
        modelState: { [`${route.body.parameterName}`]: ['A non-empty request body is required.'] },
      }),
  });
  const schema = errorSchemaRef(route.family);
  // RFC 6749 section 5.2: OAuth errors are JSON whatever the caller accepts.
  if (route.family === 'oauth') return { 'application/json': { schema, example: body } };
  const content: ContentObject = {};
  for (const type of JSON_TYPES) content[type] = { schema, example: body };
  for (const type of XML_TYPES) content[type] = { schema, example: errorXml(body) };
  content[COMPRESSED_JSON] = {
    schema: { description: 'Raw DEFLATE of the JSON error body', allOf: [schema] },
  };
  return content;
}

/** A response a controller declared in a format of its own (Help pages answer HTML). */
function hasOwnFormat(response: ResponseObject): boolean {
  const types = Object.keys(response.content ?? {});
  return types.length > 0 && !types.some((type) => RESPONSE_MEDIA_TYPES.includes(type));
}

/** Adds the route's default errors and writes every 4xx/5xx in the route family's format. */
export function withErrorResponses(
  route: DocumentedRoute,
  responses: Record<string, ResponseObject>,
): Record<string, ResponseObject> {
  const result = { ...responses };
  for (const status of defaultErrorStatuses(route)) {
    result[String(status)] ??= { description: defaultErrorDescription(route, status) };
  }
  for (const [status, response] of Object.entries(result)) {
    if (Number(status) >= 400 && !hasOwnFormat(response))
      result[status] = {
        ...response,
        content: errorContent(route, Number(status), response.description),
      };
  }
  return result;
}
