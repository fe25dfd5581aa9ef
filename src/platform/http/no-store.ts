import { applyDecorators, Header } from '@nestjs/common';

/**
 * For a route whose answer carries an access, refresh or session token: no
 * cache may keep it (RFC 6749 section 5.1; `Pragma` for HTTP/1.0 caches).
 * Set before the handler runs, so its refusals carry it too.
 */
export const NoStore = () =>
  applyDecorators(Header('Cache-Control', 'no-store'), Header('Pragma', 'no-cache'));
