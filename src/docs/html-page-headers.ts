import helmet from 'helmet';

/**
 * helmet for the HTML pages (`/Help`, Swagger UI at `/docs`): nosniff, no
 * framing at all, and a policy that lets only same-origin scripts run. Swagger
 * UI loads its scripts as files and fetches `/docs-json` from the same origin;
 * both pages style with inline `<style>` blocks (and Swagger UI with style
 * attributes), so inline styles stay allowed, inline scripts do not. No HSTS
 * and no upgrade-insecure-requests: TLS is the reverse proxy's business.
 */
export const htmlPageHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  xFrameOptions: { action: 'deny' },
  strictTransportSecurity: false,
});

/** Where the HTML pages live (Express matches these case-insensitively, as ASP.NET did). */
export const HTML_PAGE_PATHS = ['/Help', '/docs'];
