import { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ErrorFamily } from '@/wire';

const message = (description: string): SchemaObject => ({ type: 'string', description });

/** Web API's `HttpError` (legacy routes, and every route outside the admin and v2 families). */
const HTTP_ERROR: SchemaObject = {
  type: 'object',
  title: 'HttpError',
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
  required: ['Message'],
  properties: {
    Message: { type: 'string', pattern: '^err_[A-Za-z]+$', example: 'err_NoActiveSession' },
  },
};

const V2_ERROR: SchemaObject = {
  type: 'object',
  title: 'V2Error',
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

const JSON_SCHEMAS: Record<ErrorFamily, SchemaObject> = {
  legacy: HTTP_ERROR,
  admin: ADMIN_ERROR,
  v2: V2_ERROR,
};

/** The error body of a route family; XML is `<Error>` without a namespace, one element per member. */
export function errorSchema(family: ErrorFamily, format: 'json' | 'xml'): SchemaObject {
  const schema = JSON_SCHEMAS[family];
  return format === 'json' ? schema : { ...schema, xml: { name: 'Error' } };
}
