import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiResponse } from '@nestjs/swagger';
import { ContractClass, openApiSchemaFor, openApiXmlSchemaFor } from '@/wire';

const GRPC_BY_STATUS: Record<number, number> = { 400: 3, 401: 16, 403: 7, 404: 5, 429: 8, 500: 13 };

function v2ErrorSchema(status: number) {
  return {
    type: 'object',
    properties: {
      code: { type: 'integer', example: GRPC_BY_STATUS[status], description: 'gRPC status code' },
      message: { type: 'string' },
      details: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            '@type': { type: 'string', example: 'type.googleapis.com/zitadel.v1.ErrorDetail' },
            id: { type: 'string', description: 'Stable error id, e.g. SessionNotFound' },
            message: { type: 'string' },
          },
        },
      },
    },
  };
}

function content(contract: ContractClass) {
  return {
    'application/json': { schema: openApiSchemaFor(contract) },
    'application/xml': { schema: openApiXmlSchemaFor(contract) },
  };
}

/** A v2 request body, readable as JSON, XML, compressed JSON or a form (wire layer). */
export function ApiV2Body(contract: ContractClass, required = true) {
  return applyDecorators(
    ApiConsumes('application/json', 'application/xml', 'application/x-compressed-json'),
    ApiBody({
      required,
      schema: openApiSchemaFor(contract),
      description: 'XML uses the same member names.',
    }),
  );
}

/** A success answer, in JSON or XML as negotiated. */
export function ApiV2Response(contract: ContractClass, description: string, status = 200) {
  return ApiResponse({ status, description, content: content(contract) });
}

/** Errors the route answers on purpose, as v2 bodies (`{code, message, details}`). */
export function ApiV2Errors(errors: Record<number, string>) {
  return applyDecorators(
    ...Object.entries(errors).map(([status, description]) =>
      ApiResponse({
        status: Number(status),
        description: `gRPC ${GRPC_BY_STATUS[Number(status)]}: ${description}`,
        schema: v2ErrorSchema(Number(status)),
      }),
    ),
  );
}
