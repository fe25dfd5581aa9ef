import { ServerResponse } from 'node:http';
import helmet from 'helmet';

/** Where the admin console is served. */
export const CONSOLE_PATH = '/admin';

/**
 * helmet for the admin console: stricter than the docs pages, because the
 * console is built by us. Scripts, styles, images (the icon sprite) and API
 * calls only from this origin, no inline script or style of any kind (no
 * `'unsafe-inline'`, no attributes), no plugins, no framing, no `<base>`, no
 * form posting elsewhere. No HSTS: TLS is the reverse proxy's business.
 */
export const consolePageHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'"],
      styleSrcAttr: ["'none'"],
      imgSrc: ["'self'"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: false,
});

/** Build output names carry a content hash (`main-3FQ2ZK7A.js`), so they never change in place. */
const HASHED_ASSET = /-[A-Z0-9]{8}\.(js|css|svg)$/;

/**
 * Cache headers per file: hashed assets are immutable for a year; anything
 * else (the page itself, which names the current hashes) is never stored, so
 * a new build is picked up at the next load.
 */
export function setConsoleCacheHeaders(res: ServerResponse, path: string): void {
  res.setHeader(
    'Cache-Control',
    HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-store',
  );
}
