/** What a caller's X-Request-Id may be: echoed into logs and audit events, so nothing that could forge a line. */
export const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
