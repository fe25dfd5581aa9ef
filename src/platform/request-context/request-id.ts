import { randomUUID } from 'node:crypto';

/** What a caller's X-Request-Id may be: echoed into logs and audit events, so nothing that could forge a line. */
export const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's X-Request-Id when it is sane, else a fresh one. */
export function requestIdFor(offered: string | string[] | undefined): string {
  return typeof offered === 'string' && REQUEST_ID.test(offered) ? offered : randomUUID();
}
