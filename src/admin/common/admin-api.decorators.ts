import { applyDecorators, Controller } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiQuery,
  ApiResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ContractClass, ErrorFormat, openApiSchemaFor, openApiXmlSchemaFor } from '@/wire';

const ADMIN_ERROR = {
  type: 'object',
  properties: { Message: { type: 'string', example: 'err_PermissionDenied' } },
};

/** An admin controller: its route prefix, bearer auth, and `{"Message":"err_<code>"}` errors. */
export function AdminController(path: string) {
  return applyDecorators(
    Controller(`api/admin/v1/${path}`),
    ErrorFormat('admin'),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({
      description: 'No or dead bearer token: `err_Unauthenticated`',
      schema: ADMIN_ERROR,
    }),
    ApiForbiddenResponse({
      description: 'Missing permission: `err_PermissionDenied`',
      schema: ADMIN_ERROR,
    }),
  );
}

/** `page`/`pageSize` as every admin list takes them. */
export function ApiPaging() {
  return applyDecorators(
    ApiQuery({
      name: 'page',
      required: false,
      schema: { type: 'integer', minimum: 1, default: 1 },
      description: '1-based page. Non-numeric, zero or negative: 400 `err_InvalidPaging`.',
    }),
    ApiQuery({
      name: 'pageSize',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
      description:
        'Rows per page, 1..200. Above 200 is rejected with 400 `err_InvalidPaging` (never silently clamped).',
    }),
  );
}

/**
 * `page`/`pageSize` plus `cursor`, for the lists that also page by key
 * (their success response documents the `Link` header: `KEYSET_LINK_HEADER`).
 */
export function ApiKeysetPaging() {
  return applyDecorators(
    ApiPaging(),
    ApiQuery({
      name: 'cursor',
      required: false,
      schema: { type: 'string', maxLength: 1024 },
      description:
        'Opaque position of the next page, copied from the `Link: <…>; rel="next"` header of the ' +
        'previous answer. Every page costs the same however deep (an index range scan), where ' +
        '`page=N` skips N-1 pages of rows. Replaces `page` (both: 400 `err_InvalidPaging`); ' +
        'one this list did not issue for this sort: 400 `err_InvalidCursor`.',
    }),
  );
}

export const KEYSET_LINK_HEADER = {
  Link: {
    description:
      'When another page follows: `<?…&cursor=…>; rel="next"` (RFC 8288), the same query with ' +
      '`page` replaced by a cursor, relative to this path. Absent on the last page.',
    schema: { type: 'string' },
  },
};

/** The success response of a route: the contract's JSON and XML schemas from the wire registry. */
export function ApiWireResponse(
  contract: ContractClass,
  description: string,
  status = 200,
  headers?: typeof KEYSET_LINK_HEADER,
) {
  return ApiResponse({
    status,
    description,
    headers,
    content: {
      'application/json': { schema: openApiSchemaFor(contract) },
      'application/xml': { schema: openApiXmlSchemaFor(contract) },
    },
  });
}

/** A 4xx the route answers on purpose, in the admin error format. */
export function ApiAdminError(status: number, description: string) {
  return ApiResponse({ status, description, schema: ADMIN_ERROR });
}
