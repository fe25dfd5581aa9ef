import { ConfigError } from './env-parsers';
import { loadConfig } from './app-config';

const secret = () => 'generated-secret-generated-secret-0000';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, secret);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('gives working defaults with nothing set: embedded database, port 3000, UTC', () => {
    const config = loadConfig({}, secret);
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ url: undefined, dataDir: './data', poolSize: 10 });
    expect(config.legacyTimeZone).toBe('UTC');
    expect(config.jwt.generated).toBe(true);
    expect(config.session).toEqual({
      idleTimeoutSeconds: 1800,
      absoluteLifetimeSeconds: 43200,
      stateCacheTtlMs: 1000,
      limitPerUser: undefined,
      limitPolicy: 'reject',
    });
    expect(config.bootstrapAdmin).toBeUndefined();
  });

  it('reads the session limit and its policy, refusing anything else', () => {
    const limited = loadConfig(
      { SESSION_LIMIT_PER_USER: '3', SESSION_LIMIT_POLICY: 'evict-oldest' },
      secret,
    );
    expect(limited.session).toMatchObject({ limitPerUser: 3, limitPolicy: 'evict-oldest' });
    for (const env of [
      { SESSION_LIMIT_PER_USER: '0' },
      { SESSION_LIMIT_PER_USER: '-1' },
      { SESSION_LIMIT_PER_USER: 'three' },
      { SESSION_LIMIT_PER_USER: '100001' },
      { SESSION_LIMIT_POLICY: 'evict-newest' },
    ]) {
      expect(() => loadConfig(env, secret)).toThrow(Object.keys(env)[0]);
    }
  });

  it('reads the lockout policy, with how long an unanswered password check holds an attempt', () => {
    expect(loadConfig({}, secret).lockout).toEqual({
      threshold: 5,
      baseSeconds: 60,
      maxSeconds: 3600,
      reservationSeconds: 120,
    });
    expect(
      loadConfig({ LOCKOUT_RESERVATION_SECONDS: '30' }, secret).lockout.reservationSeconds,
    ).toBe(30);
    expect(problemsOf({ LOCKOUT_RESERVATION_SECONDS: '0' }).join('\n')).toMatch(
      /LOCKOUT_RESERVATION_SECONDS/,
    );
  });

  it('names each bad variable, all at once', () => {
    const problems = problemsOf({
      PORT: 'abc',
      LEGACY_TIME_ZONE: 'Mars/Olympus',
      DATABASE_URL: 'mysql://x',
      TRUSTED_PROXIES: '10.0.0.0/8,not-an-ip',
      NODE_ENV: 'staging',
    });
    expect(problems.join('\n')).toMatch(/PORT must be an integer/);
    expect(problems.join('\n')).toMatch(/LEGACY_TIME_ZONE must be an IANA time zone/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL must be a postgres/);
    expect(problems.join('\n')).toMatch(/TRUSTED_PROXIES .*not-an-ip/);
    expect(problems.join('\n')).toMatch(/NODE_ENV must be one of/);
  });

  it('requires a real secret in production and refuses a short one anywhere', () => {
    expect(problemsOf({ NODE_ENV: 'production' }).join()).toMatch(/JWT_SECRET .*required/);
    expect(problemsOf({ JWT_SECRET: 'short' }).join()).toMatch(/at least 32/);
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }, secret);
    expect(config.jwt).toMatchObject({ secret: 'x'.repeat(40), generated: false });
  });

  it('takes the bootstrap administrator only as a pair with a valid password', () => {
    expect(problemsOf({ ADMIN_USERNAME: 'root' }).join()).toMatch(/set together/);
    expect(problemsOf({ ADMIN_USERNAME: 'root', ADMIN_PASSWORD: 'short' }).join()).toMatch(
      /8 to 1024/,
    );
    const config = loadConfig(
      { ADMIN_USERNAME: 'root', ADMIN_PASSWORD: ' spaced password ' },
      secret,
    );
    expect(config.bootstrapAdmin).toEqual({ username: 'root', password: ' spaced password ' });
  });

  it('parses lists and the in-memory data dir', () => {
    const config = loadConfig(
      {
        API_CLIENT_KEYS: 'acme:0123456789abcdef, fedcba9876543210,,',
        DATA_DIR: 'memory',
        TRUSTED_PROXIES: '10.0.0.0/8, ::1',
      },
      secret,
    );
    expect(config.apiClients).toEqual([
      { name: 'acme', secret: '0123456789abcdef' },
      { name: 'key2', secret: 'fedcba9876543210' },
    ]);
    expect(config.database.dataDir).toBe('memory');
    expect(config.trustedProxies).toEqual(['10.0.0.0/8', '::1']);
  });

  it('serves no metrics unless a token or a separate port is configured', () => {
    expect(loadConfig({}, secret).metrics).toEqual({
      token: undefined,
      port: undefined,
      host: '127.0.0.1',
    });
    const config = loadConfig(
      { METRICS_TOKEN: 't'.repeat(16), METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5' },
      secret,
    );
    expect(config.metrics).toEqual({ token: 't'.repeat(16), port: 9464, host: '10.0.0.5' });
    expect(problemsOf({ METRICS_TOKEN: 'short' }).join()).toMatch(/METRICS_TOKEN .*16/);
    expect(problemsOf({ METRICS_PORT: '3000' }).join()).toMatch(/METRICS_PORT must differ/);
    expect(problemsOf({ METRICS_PORT: 'x' }).join()).toMatch(/METRICS_PORT must be an integer/);
  });

  it('bounds request bodies in time and in what is drained after an early answer', () => {
    const defaults = loadConfig({}, secret);
    expect(defaults.bodyTimeoutMs).toBe(30_000);
    expect(defaults.bodyDrain).toEqual({ limitBytes: 16 * 1024 * 1024, timeoutMs: 10_000 });
    expect(problemsOf({ BODY_TIMEOUT_MS: '0' }).join()).toMatch(/BODY_TIMEOUT_MS/);
    expect(problemsOf({ BODY_DRAIN_TIMEOUT_MS: '-1' }).join()).toMatch(/BODY_DRAIN_TIMEOUT_MS/);
  });

  describe('just-in-time migration (LEGACY_AUTH_URL)', () => {
    it('is off by default', () => {
      expect(loadConfig({}, secret).legacyAuth).toBeUndefined();
      expect(loadConfig({ LEGACY_AUTH_TIMEOUT_MS: '2000' }, secret).legacyAuth).toBeUndefined();
    });

    it('takes an http(s) base URL, without a trailing slash, and a 5 s timeout by default', () => {
      expect(
        loadConfig({ LEGACY_AUTH_URL: 'https://old.example/auth/' }, secret).legacyAuth,
      ).toEqual({ url: 'https://old.example/auth', timeoutMs: 5000 });
      expect(
        loadConfig(
          { LEGACY_AUTH_URL: 'http://10.0.0.7:8080', LEGACY_AUTH_TIMEOUT_MS: '1500' },
          secret,
        ).legacyAuth,
      ).toEqual({ url: 'http://10.0.0.7:8080', timeoutMs: 1500 });
    });

    it.each([
      'ftp://old.example',
      'file:///etc/passwd',
      'old.example/auth',
      'https://user:secret@old.example',
      'https://old.example/auth?redirect=evil',
      'https://old.example/auth#x',
      'https://old.example/auth?',
    ])('refuses %s without echoing it', (url) => {
      const problems = problemsOf({ LEGACY_AUTH_URL: url }).join('\n');
      expect(problems).toMatch(/LEGACY_AUTH_URL must be an http:\/\/ or https:\/\/ URL/);
      expect(problems).not.toContain('secret');
    });

    it('bounds the timeout, and keeps it inside the attempt reservation it runs under', () => {
      const url = 'https://old.example';
      expect(problemsOf({ LEGACY_AUTH_URL: url, LEGACY_AUTH_TIMEOUT_MS: '50' }).join()).toMatch(
        /LEGACY_AUTH_TIMEOUT_MS must be an integer between 100 and 60000/,
      );
      expect(
        problemsOf({
          LEGACY_AUTH_URL: url,
          LEGACY_AUTH_TIMEOUT_MS: '30000',
          LOCKOUT_RESERVATION_SECONDS: '30',
        }).join(),
      ).toMatch(/LEGACY_AUTH_TIMEOUT_MS must be shorter than LOCKOUT_RESERVATION_SECONDS/);
    });
  });
});

describe('loadConfig: webhooks', () => {
  const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

  it('defaults to no endpoints and no secret, with the documented retry policy', () => {
    expect(loadConfig({}, secret).webhooks).toEqual({
      urls: [],
      secret: undefined,
      maxAttempts: 8,
      retryBaseMs: 5000,
      retryMaxMs: 3_600_000,
      timeoutMs: 10_000,
      pollMs: 1000,
      leaseMs: 60_000,
    });
  });

  it('decodes the whsec_ secret and reads the comma-separated endpoints', () => {
    const config = loadConfig(
      {
        WEBHOOK_SECRET: SECRET,
        WEBHOOK_URLS: 'https://a.example/hook, http://127.0.0.1:9000/x',
      },
      secret,
    );
    expect(config.webhooks.secret).toEqual(Buffer.alloc(32, 7));
    expect(config.webhooks.urls).toEqual(['https://a.example/hook', 'http://127.0.0.1:9000/x']);
  });

  it.each([
    ['not-prefixed', Buffer.alloc(32).toString('base64')],
    ['not base64', 'whsec_!!!!'],
    ['too short', `whsec_${Buffer.alloc(8).toString('base64')}`],
    ['bad padding', 'whsec_YWJj='],
  ])('refuses a WEBHOOK_SECRET that is %s', (_, value) => {
    expect(problemsOf({ WEBHOOK_SECRET: value })).toEqual([
      'WEBHOOK_SECRET must be whsec_ followed by base64 of 24 to 64 bytes',
    ]);
  });

  it('refuses endpoints without a secret, and endpoints outside the URL policy', () => {
    expect(problemsOf({ WEBHOOK_URLS: 'https://a.example/' })).toEqual([
      'WEBHOOK_URLS needs WEBHOOK_SECRET (deliveries are signed)',
    ]);
    expect(
      problemsOf({
        WEBHOOK_SECRET: SECRET,
        WEBHOOK_URLS: 'http://a.example/,https://u:p@b.example/',
      }),
    ).toEqual([
      'WEBHOOK_URLS entry 1 plain http is only allowed to a loopback address',
      'WEBHOOK_URLS entry 2 must not carry credentials',
    ]);
  });

  it('refuses a lease no longer than the attempt timeout', () => {
    expect(problemsOf({ WEBHOOK_LEASE_MS: '1000', WEBHOOK_TIMEOUT_MS: '1000' })).toEqual([
      'WEBHOOK_LEASE_MS must be longer than WEBHOOK_TIMEOUT_MS (a lease must outlive its attempt)',
    ]);
  });
});
