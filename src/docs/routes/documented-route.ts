import { ContractClass, ErrorFamily } from '@/wire';

/** A URI parameter (path or query) as the docs show it. */
export interface UriParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description: string;
  /** OpenAPI schema type (`string`, `integer`, ...). */
  type: string;
  format?: string;
  /** Described by `@ApiQuery`/`@ApiParam` (so its values are checked), not only read. */
  declared: boolean;
}

/** What the docs know about one controller route, read from Nest, wire and swagger metadata. */
export interface DocumentedRoute {
  /** `${Controller}_${handler}`: swagger's default operationId, the key into the OpenAPI document. */
  operationId: string;
  controllerName: string;
  handlerName: string;
  /** `GET`, `POST`, ... */
  method: string;
  /** Without a leading slash, Nest syntax: `v2/sessions/:id`. */
  path: string;
  /** OpenAPI syntax: `/v2/sessions/{id}`. */
  openApiPath: string;
  family: ErrorFamily;
  isPublic: boolean;
  /** Rate limited per client IP (LoginThrottleGuard, or PasswordThrottleGuard's shared budget). */
  throttled: boolean;
  /** Needs an API client's key (ApiKeyGuard, OAuthClientGuard). */
  apiKey: boolean;
  /** Needs a permission beyond a live bearer token. */
  permissions: string[];
  /** The `@WireBody` the handler reads. */
  body: { contract: ContractClass; optional: boolean; parameterName: string } | null;
  /** The contract of the success answer (from the route's swagger response metadata). */
  response: { contract: ContractClass; status: number; description: string } | null;
  successStatus: number;
  /** A fixed `Content-Type` the handler sets (`@Header`), for routes outside the wire layer. */
  contentType: string | null;
  summary: string;
  description: string;
  tags: string[];
  uriParameters: UriParameter[];
}
