import { readFileSync } from 'node:fs';
import { ApiClient, readApiClients } from './api-clients';
import { ConfigError, Env, EnvReader } from './env-parsers';
import { readSigningConfig, SigningConfig } from './signing-config';
import { invalidProxyEntries } from '@/platform/http/ip-address';
import { isTimeZone } from '@/platform/text/time-zone';
import { outboundUrlProblem } from '@/platform/http/outbound-url';

export type NodeEnv = 'development' | 'production' | 'test';

export interface DatabaseConfig {
  /** `postgres://...` for a real server; undefined selects embedded PGlite. */
  url?: string;
  /** PGlite data directory, or `memory`. */
  dataDir: string;
  poolSize: number;
}

/**
 * Who may scrape `/metrics`: a caller presenting `token` as a bearer on the main
 * port, and/or anyone reaching the separate listener on `host:port`.
 * With neither, metrics are not served.
 */
export interface MetricsConfig {
  token?: string;
  port?: number;
  host: string;
}

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  database: DatabaseConfig;
  legacyTimeZone: string;
  bodyLimitBytes: number;
  xmlBodyLimitBytes: number;
  /** How long a request body may take to arrive once the service reads it (then 408). */
  bodyTimeoutMs: number;
  /** After an answer sent before the body ended: how much more is read and discarded, and for how long. */
  bodyDrain: { limitBytes: number; timeoutMs: number };
  metrics: MetricsConfig;
  /** ERROR_DETAIL_POLICY: who sees serializer messages in 400 bodies (Web API's IncludeErrorDetailPolicy). */
  errorDetailPolicy: ErrorDetailPolicy;
  jwt: {
    secret: string;
    /** True when no secret was configured and one was generated for this process. */
    generated: boolean;
    issuer: string;
    audience: string;
    accessTokenTtlSeconds: number;
    /** JWT_ALGORITHM and its keys (HS256 signs with `secret`). */
    signing: SigningConfig;
  };
  session: {
    idleTimeoutSeconds: number;
    absoluteLifetimeSeconds: number;
    stateCacheTtlMs: number;
    /** Concurrent sessions per user (SESSION_LIMIT_PER_USER); undefined: no limit unless a role sets one. */
    limitPerUser?: number;
    /** What a login over the limit does: refuse it, or end the user's oldest session. */
    limitPolicy: 'reject' | 'evict-oldest';
  };
  lockout: {
    threshold: number;
    baseSeconds: number;
    maxSeconds: number;
    /** How long an unanswered password check holds one of the account's attempts (a crashed instance's never answer). */
    reservationSeconds: number;
  };
  loginRateLimit: { limit: number; windowSeconds: number };
  bootstrapAdmin?: { username: string; password: string };
  /** API_CLIENT_KEYS: the identity providers allowed to call `POST api/Auth`. */
  apiClients: ApiClient[];
  trustedProxies: string[];
  corsOrigins: string[];
  webhooks: WebhooksConfig;
  /**
   * LEGACY_AUTH_URL: the legacy service whose `POST Auth/Login` checks the
   * passwords of users this service has no hash for (just-in-time migration);
   * absent, no password ever leaves this service.
   */
  legacyAuth?: LegacyAuthConfig;
  /** PIPELINE_PROBE: mounts `GET /pipeline-probe`, the constant route `npm run bench` uses to show the pipeline's cost. */
  pipelineProbe: boolean;
  /** HTTP_ADAPTER: the Nest platform the service runs on (Express by default). */
  httpAdapter: HttpAdapterName;
}

/** Session-event webhooks (README "Session events (webhooks)"). */
export interface WebhooksConfig {
  /** WEBHOOK_URLS: endpoints every event goes to, besides those added through the admin API. */
  urls: string[];
  /** WEBHOOK_SECRET decoded (the bytes after `whsec_`); without it nothing is delivered. */
  secret?: Buffer;
  /** Tries per delivery before it is dead-lettered. */
  maxAttempts: number;
  /** The first retry waits about this long; each further one twice as long (with jitter), up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Per attempt: connect + answer. */
  timeoutMs: number;
  /** How often a worker looks for due deliveries (PostgreSQL also wakes it on each new event). */
  pollMs: number;
  /** How long a claimed delivery is a worker's; after that (a crash) another worker takes it. */
  leaseMs: number;
}

export const HTTP_ADAPTERS = ['express', 'fastify'] as const;
export type HttpAdapterName = (typeof HTTP_ADAPTERS)[number];

export interface LegacyAuthConfig {
  /** `{url}/Auth/Login` is called; http(s), no credentials, query or fragment. */
  url: string;
  /** Bound on the whole exchange (connect, answer, body). */
  timeoutMs: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export const ERROR_DETAIL_POLICIES = ['LocalOnly', 'Always', 'Never'] as const;
export type ErrorDetailPolicy = (typeof ERROR_DETAIL_POLICIES)[number];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Reads and validates the whole configuration once. Every problem found is
 * reported together, each naming its variable; nothing else reads the environment.
 */
export function loadConfig(env: Env, randomSecret: () => string): AppConfig {
  const read = new EnvReader(env);
  const nodeEnv = read.oneOf(
    'NODE_ENV',
    ['development', 'production', 'test'] as const,
    'development',
  );

  const url = read.raw('DATABASE_URL');
  read.check(
    url === undefined || /^postgres(ql)?:\/\/[^\s]+$/.test(url),
    'DATABASE_URL must be a postgres:// or postgresql:// URL',
  );

  const legacyTimeZone = read.string('LEGACY_TIME_ZONE', 'UTC');
  read.check(
    isTimeZone(legacyTimeZone),
    `LEGACY_TIME_ZONE must be an IANA time zone (got "${legacyTimeZone}")`,
  );

  let secret = read.raw('JWT_SECRET');
  const secretFile = read.raw('JWT_SECRET_FILE');
  if (!secret && secretFile) {
    try {
      secret = readFileSync(secretFile, 'utf8').trim();
    } catch (error) {
      read.check(false, `JWT_SECRET_FILE cannot be read (${(error as Error).message})`);
    }
  }
  read.check(
    secret === undefined || secret.length >= 32,
    'JWT_SECRET must be at least 32 characters',
  );
  read.check(
    secret !== undefined || nodeEnv !== 'production',
    'JWT_SECRET (or JWT_SECRET_FILE) is required when NODE_ENV=production',
  );

  const adminUsername = read.raw('ADMIN_USERNAME');
  const adminPassword = env.ADMIN_PASSWORD;
  read.check(
    (adminUsername === undefined) === (adminPassword === undefined || adminPassword === ''),
    'ADMIN_USERNAME and ADMIN_PASSWORD must be set together',
  );
  read.check(
    adminPassword === undefined ||
      adminPassword === '' ||
      (adminPassword.length >= 8 && adminPassword.length <= 1024),
    'ADMIN_PASSWORD must be 8 to 1024 characters',
  );

  const trustedProxies = read.list('TRUSTED_PROXIES');
  const badProxies = invalidProxyEntries(trustedProxies);
  read.check(
    badProxies.length === 0,
    `TRUSTED_PROXIES has entries that are not IPs or CIDRs: ${badProxies.join(', ')}`,
  );

  const metricsToken = read.raw('METRICS_TOKEN');
  read.check(
    metricsToken === undefined || metricsToken.length >= 16,
    'METRICS_TOKEN must be at least 16 characters',
  );
  const metricsPort = read.raw('METRICS_PORT')
    ? read.int('METRICS_PORT', 0, { min: 0, max: 65535 })
    : undefined;

  const webhookUrls = read.list('WEBHOOK_URLS');
  webhookUrls.forEach((url, index) => {
    const problem = outboundUrlProblem(url);
    // Not echoed: an entry with credentials in it would put them in the log.
    read.check(problem === null, `WEBHOOK_URLS entry ${index + 1} ${problem}`);
  });
  const webhookSecret = read.raw('WEBHOOK_SECRET');
  const secretBytes = webhookSecret === undefined ? undefined : decodeWebhookSecret(webhookSecret);
  read.check(
    webhookSecret === undefined || secretBytes !== undefined,
    'WEBHOOK_SECRET must be whsec_ followed by base64 of 24 to 64 bytes',
  );
  read.check(
    webhookUrls.length === 0 || webhookSecret !== undefined,
    'WEBHOOK_URLS needs WEBHOOK_SECRET (deliveries are signed)',
  );
  const legacyAuth = readLegacyAuth(read);

  const config: AppConfig = {
    nodeEnv,
    port: read.int('PORT', 3000, { min: 0, max: 65535 }),
    host: read.string('HOST', '0.0.0.0'),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
    database: {
      url,
      dataDir: read.string('DATA_DIR', './data'),
      poolSize: read.int('DATABASE_POOL_SIZE', 10, { min: 1, max: 500 }),
    },
    legacyTimeZone,
    bodyLimitBytes: read.int('BODY_LIMIT_BYTES', 1024 * 1024, { min: 1024 }),
    xmlBodyLimitBytes: read.int('XML_BODY_LIMIT_BYTES', 256 * 1024, { min: 1024 }),
    bodyTimeoutMs: read.int('BODY_TIMEOUT_MS', 30_000, { min: 100, max: 3_600_000 }),
    bodyDrain: {
      limitBytes: read.int('BODY_DRAIN_LIMIT_BYTES', 16 * 1024 * 1024, { min: 0 }),
      timeoutMs: read.int('BODY_DRAIN_TIMEOUT_MS', 10_000, { min: 0, max: 600_000 }),
    },
    metrics: {
      token: metricsToken,
      port: metricsPort,
      host: read.string('METRICS_HOST', '127.0.0.1'),
    },
    errorDetailPolicy: read.oneOf('ERROR_DETAIL_POLICY', ERROR_DETAIL_POLICIES, 'LocalOnly'),
    jwt: {
      secret: secret ?? randomSecret(),
      generated: secret === undefined,
      issuer: read.string('JWT_ISSUER', 'session-gateway'),
      audience: read.string('JWT_AUDIENCE', 'session-gateway'),
      accessTokenTtlSeconds: read.int('ACCESS_TOKEN_TTL_SECONDS', 900, { min: 10, max: 86400 }),
      signing: readSigningConfig(read, secret),
    },
    session: {
      idleTimeoutSeconds: read.int('SESSION_IDLE_TIMEOUT_SECONDS', 1800, { min: 10 }),
      absoluteLifetimeSeconds: read.int('SESSION_ABSOLUTE_LIFETIME_SECONDS', 43200, { min: 10 }),
      stateCacheTtlMs: read.int('SESSION_CACHE_TTL_MS', 1000, { min: 0, max: 60000 }),
      limitPerUser:
        read.raw('SESSION_LIMIT_PER_USER') === undefined
          ? undefined
          : read.int('SESSION_LIMIT_PER_USER', 0, { min: 1, max: 100_000 }),
      limitPolicy: read.oneOf(
        'SESSION_LIMIT_POLICY',
        ['reject', 'evict-oldest'] as const,
        'reject',
      ),
    },
    lockout: {
      threshold: read.int('LOCKOUT_THRESHOLD', 5, { min: 1, max: 1000 }),
      baseSeconds: read.int('LOCKOUT_BASE_SECONDS', 60, { min: 1 }),
      maxSeconds: read.int('LOCKOUT_MAX_SECONDS', 3600, { min: 1 }),
      reservationSeconds: read.int('LOCKOUT_RESERVATION_SECONDS', 120, { min: 1, max: 3600 }),
    },
    loginRateLimit: {
      limit: read.int('LOGIN_RATE_LIMIT', 300, { min: 1 }),
      windowSeconds: read.int('LOGIN_RATE_WINDOW_SECONDS', 60, { min: 1 }),
    },
    bootstrapAdmin:
      adminUsername && adminPassword
        ? { username: adminUsername, password: adminPassword }
        : undefined,
    apiClients: readApiClients(read),
    trustedProxies,
    corsOrigins: read.list('CORS_ORIGINS'),
    legacyAuth,
    pipelineProbe: read.bool('PIPELINE_PROBE', false),
    httpAdapter: read.oneOf('HTTP_ADAPTER', HTTP_ADAPTERS, 'express'),
    webhooks: {
      urls: webhookUrls,
      secret: secretBytes,
      maxAttempts: read.int('WEBHOOK_MAX_ATTEMPTS', 8, { min: 1, max: 100 }),
      retryBaseMs: read.int('WEBHOOK_RETRY_BASE_MS', 5000, { min: 10, max: 3_600_000 }),
      retryMaxMs: read.int('WEBHOOK_RETRY_MAX_MS', 3_600_000, { min: 10, max: 86_400_000 }),
      timeoutMs: read.int('WEBHOOK_TIMEOUT_MS', 10_000, { min: 100, max: 120_000 }),
      pollMs: read.int('WEBHOOK_POLL_MS', 1000, { min: 10, max: 600_000 }),
      leaseMs: read.int('WEBHOOK_LEASE_MS', 60_000, { min: 100, max: 3_600_000 }),
    },
  };

  read.check(
    config.webhooks.leaseMs > config.webhooks.timeoutMs,
    'WEBHOOK_LEASE_MS must be longer than WEBHOOK_TIMEOUT_MS (a lease must outlive its attempt)',
  );
  read.check(
    config.metrics.port === undefined ||
      config.metrics.port === 0 ||
      config.metrics.port !== config.port,
    'METRICS_PORT must differ from PORT (the metrics listener is a separate one)',
  );
  read.check(
    !legacyAuth || legacyAuth.timeoutMs < config.lockout.reservationSeconds * 1000,
    'LEGACY_AUTH_TIMEOUT_MS must be shorter than LOCKOUT_RESERVATION_SECONDS ' +
      "(a legacy check holds one of the account's attempts while it runs)",
  );
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

/** `whsec_` + standard base64 of 24..64 bytes (the Standard Webhooks secret form), decoded; else undefined. */
function decodeWebhookSecret(text: string): Buffer | undefined {
  const match = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(text);
  if (!match || match[1].length % 4 !== 0) return undefined;
  const bytes = Buffer.from(match[1], 'base64');
  return bytes.length >= 24 && bytes.length <= 64 ? bytes : undefined;
}

/**
 * The URL receives users' passwords, so only a plain base a path can be
 * appended to: credentials in it would be sent along, and a query or fragment
 * would end up in front of `/Auth/Login`.
 */
function readLegacyAuth(read: EnvReader): LegacyAuthConfig | undefined {
  const timeoutMs = read.int('LEGACY_AUTH_TIMEOUT_MS', 5000, { min: 100, max: 60_000 });
  const raw = read.raw('LEGACY_AUTH_URL');
  if (raw === undefined) return undefined;
  const url = URL.canParse(raw) ? new URL(raw) : null;
  const usable =
    url !== null &&
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.username === '' &&
    url.password === '' &&
    url.search === '' &&
    url.hash === '' &&
    !raw.includes('?') &&
    !raw.includes('#');
  read.check(
    usable,
    // Not echoed: a URL with credentials in it would put them in the log.
    'LEGACY_AUTH_URL must be an http:// or https:// URL without credentials, query or fragment',
  );
  return usable ? { url: url.href.replace(/\/+$/, ''), timeoutMs } : undefined;
}
