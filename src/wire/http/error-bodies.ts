import { ModelState } from '@/platform/errors/domain-error';
import { jsonString } from '@/wire/format/json-writer';
import { encodeLocalName, xmlText } from '@/wire/format/xml-escape';
import { ErrorFamily } from './error-format.decorator';

/** An error reduced to what any family's body needs. */
export interface ErrorDescription {
  status: number;
  /** gRPC code for v2 bodies. */
  grpc: number;
  /** Stable name (`NoActiveSession`), admin bodies print `err_<code>`. */
  code: string;
  /** Safe to show the caller. */
  message: string;
  modelState?: ModelState;
}

/** An error body before serialisation: keys in order, values strings, numbers, string lists, nested bodies. */
type ErrorNode = { [key: string]: string | number | string[] | ErrorNode | ErrorNode[] };

/** Web API's text for every 401; v2 bodies show it too (the one place it is written). */
export const UNAUTHENTICATED_TEXT = 'Authorization has been denied for this request.';

const LEGACY_MESSAGES: Record<number, string> = {
  400: 'The request is invalid.',
  401: UNAUTHENTICATED_TEXT,
  500: 'An error has occurred.',
};

/** The body each route family answers errors with (SPEC 4.8). */
export function errorBody(family: ErrorFamily, error: ErrorDescription): ErrorNode {
  const internal = error.status >= 500;
  switch (family) {
    case 'admin':
      return { Message: `err_${internal ? 'Internal' : error.code}` };
    case 'oauth':
      // RFC 6749 section 5.2 codes only: the reason stays out of the body.
      return {
        error: internal
          ? 'server_error'
          : error.status === 401
            ? 'invalid_client'
            : 'invalid_request',
      };
    case 'v2': {
      const message = internal ? 'Internal error' : error.message;
      return {
        code: error.grpc,
        message,
        details: [
          { '@type': 'type.googleapis.com/zitadel.v1.ErrorDetail', id: error.code, message },
        ],
      };
    }
    default: {
      if (error.status === 400 && error.modelState) {
        return { Message: LEGACY_MESSAGES[400], ModelState: { ...error.modelState } };
      }
      const fixed = internal
        ? LEGACY_MESSAGES[500]
        : error.status === 401
          ? LEGACY_MESSAGES[401]
          : undefined;
      return { Message: fixed ?? error.message };
    }
  }
}

export function errorJson(node: ErrorNode): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(node))
    parts.push(jsonString(key) + ':' + jsonValue(value));
  return '{' + parts.join(',') + '}';
}

function jsonValue(value: ErrorNode[keyof ErrorNode]): string {
  if (typeof value === 'string') return jsonString(value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    return (
      '[' +
      (value as Array<string | ErrorNode>)
        .map((v) => (typeof v === 'string' ? jsonString(v) : errorJson(v)))
        .join(',') +
      ']'
    );
  }
  return errorJson(value);
}

/** Web API's `HttpError` XML: `<Error>` without namespace, one element per key, message lists space-joined. */
export function errorXml(node: ErrorNode): string {
  return '<Error>' + xmlChildren(node) + '</Error>';
}

function xmlChildren(node: ErrorNode): string {
  let out = '';
  for (const [key, value] of Object.entries(node)) {
    const name = encodeLocalName(key);
    let inner: string;
    if (typeof value === 'string') inner = xmlText(value);
    else if (typeof value === 'number') inner = String(value);
    else if (Array.isArray(value)) {
      inner = (value as Array<string | ErrorNode>)
        .map((v) =>
          typeof v === 'string' ? xmlText(v) : '<Detail>' + xmlChildren(v) + '</Detail>',
        )
        .join(typeof value[0] === 'string' ? ' ' : '');
    } else inner = xmlChildren(value);
    out += inner === '' ? `<${name} />` : `<${name}>${inner}</${name}>`;
  }
  return out;
}
