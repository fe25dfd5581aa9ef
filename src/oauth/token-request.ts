import type { IncomingMessage } from 'node:http';
import { TOKEN_TYPES, TokenType } from '@/auth/tokens/token-introspection';
import { DomainError } from '@/platform/errors/domain-error';
import { readRawBody } from '@/wire/http/body-reader';
import { isWellFormedForm } from '@/wire/format/form-reader';
import { charsetOf, mediaTypeOf } from '@/wire/negotiation/media-type';

/** A `token=...&token_type_hint=...` body is tiny; anything near this is not a token request. */
export const TOKEN_REQUEST_LIMIT_BYTES = 64 * 1024;

/** Longer than any token we issue by far (an RS256 JWT is under 1 KiB). */
export const MAX_TOKEN_LENGTH = 8192;

/** RFC 6749 appendix A: token characters are visible ASCII and space (VSCHAR). */
const TOKEN_TEXT = new RegExp(`^[\\x20-\\x7E]{1,${MAX_TOKEN_LENGTH}}$`);

export interface TokenRequest {
  token: string;
  /** Only a hint (RFC 7009 section 2.1): an unknown value is ignored, every kind is searched. */
  hint?: TokenType;
}

const invalidRequest = (why: string) => new DomainError('InvalidArgument', 'InvalidRequest', why);

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The form body of an introspection or revocation request (RFC 7662 section
 * 2.1, RFC 7009 section 2.1): `application/x-www-form-urlencoded` in UTF-8,
 * exactly one `token` of token characters. Anything else (JSON, another
 * charset, broken escapes or UTF-8, NUL, a repeated parameter, a token too
 * long) is `invalid_request`, and the token is never looked at.
 */
export async function readTokenRequest(
  request: IncomingMessage,
  timeoutMs: number,
): Promise<TokenRequest> {
  const contentType = request.headers['content-type'];
  if (mediaTypeOf(contentType) !== 'application/x-www-form-urlencoded') {
    throw invalidRequest('The body must be application/x-www-form-urlencoded.');
  }
  const charset = charsetOf(contentType);
  if (charset !== null && charset !== 'utf-8') throw invalidRequest('The body must be UTF-8.');
  const bytes = await readRawBody(request, TOKEN_REQUEST_LIMIT_BYTES, timeoutMs);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw invalidRequest('The body must be UTF-8.');
  }
  if (!isWellFormedForm(text)) throw invalidRequest('The body is not well-formed form data.');
  const parameters = new URLSearchParams(text);
  const tokens = parameters.getAll('token');
  const hints = parameters.getAll('token_type_hint');
  // RFC 6749 section 3.2: a parameter must not be sent more than once.
  if (tokens.length !== 1 || hints.length > 1) {
    throw invalidRequest('Send exactly one token and at most one token_type_hint.');
  }
  if (!TOKEN_TEXT.test(tokens[0])) throw invalidRequest('The token is not a token.');
  const hint = TOKEN_TYPES.find((type) => type === hints[0]);
  return { token: tokens[0], hint };
}
