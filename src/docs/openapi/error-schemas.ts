import {
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ErrorFamily } from '@/wire';

const message = (description: string): SchemaObject => ({ type: 'string', description });

/*
 * Error bodies are `<Error>` in XML, without a namespace, one element per
 * member: the same names as JSON, so one schema (with its `xml` name) serves both.
 */
const ERROR_XML = { name: 'Error' };

/** Web API's `HttpError` (legacy routes, and every route outside the admin and v2 families). */
const HTTP_ERROR: SchemaObject = {
  type: 'object',
  title: 'HttpError',
  xml: ERROR_XML,
  required: ['Message'],
  properties: {
    Message: message(
      '"The request is invalid.", "Authorization has been denied for this request.", ...',
    ),
    ModelState: {
      type: 'object',
      description:
        '400 only: parameter.Member → messages (XML: one element per key, messages space-joined)',
      additionalProperties: { type: 'array', items: { type: 'string' } },
    },
  },
};

const ADMIN_ERROR: SchemaObject = {
  type: 'object',
  title: 'AdminError',
  xml: ERROR_XML,
  required: ['Message'],
  properties: {
    Message: { type: 'string', pattern: '^err_[A-Za-z]+$', example: 'err_NoActiveSession' },
  },
};

const V2_ERROR: SchemaObject = {
  type: 'object',
  title: 'V2Error',
  xml: ERROR_XML,
  required: ['code', 'message', 'details'],
  properties: {
    code: {
      type: 'integer',
      description: 'gRPC code: 3 (400), 16 (401), 7 (403), 5 (404), 6 (409), 8 (429), 13 (500)',
    },
    message: { type: 'string' },
    details: {
      type: 'array',
      xml: { wrapped: true },
      items: {
        type: 'object',
        xml: { name: 'Detail' },
        properties: {
          '@type': {
            type: 'string',
            example: 'type.googleapis.com/zitadel.v1.ErrorDetail',
            xml: { name: '_x0040_type' },
          },
          id: message('Stable error id, e.g. SessionNotFound'),
          message: { type: 'string' },
        },
      },
    },
  },
};

/** RFC 6749 section 5.2: the error code only, always JSON. */
const OAUTH_ERROR: SchemaObject = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'string',
      enum: ['invalid_request', 'invalid_client', 'server_error'],
      example: 'invalid_request',
    },
  },
};

/** The error schemas by component name, for `components.schemas`. */
export const ERROR_SCHEMAS: Record<string, SchemaObject> = {
  HttpError: HTTP_ERROR,
  AdminError: ADMIN_ERROR,
  V2Error: V2_ERROR,
  OAuthError: OAUTH_ERROR,
};

const NAME_BY_FAMILY: Record<ErrorFamily, keyof typeof ERROR_SCHEMAS> = {
  legacy: 'HttpError',
  admin: 'AdminError',
  v2: 'V2Error',
  oauth: 'OAuthError',
};

/** `{ $ref }` to the error body schema of a route family (one schema for JSON and XML). */
export function errorSchemaRef(family: ErrorFamily): ReferenceObject {
  return { $ref: `#/components/schemas/${NAME_BY_FAMILY[family]}` };
}
