import { sign } from 'jsonwebtoken';
import { AppConfig } from '@/platform/config';
import { SessionActivity } from '@/sessions/session-activity.service';
import { SessionState } from '@/sessions/sessions.repository';
import { BearerVerifier, bearerTokenOf } from './bearer-verifier';
import { SigningKeys } from './signing-keys';
import { SigningKeysRepository } from './signing-keys.repository';
import { TokenVerifier } from './token-verifier';

const SECRET = 'unit-secret-unit-secret-unit-secret-0123';
const config = {
  jwt: {
    secret: SECRET,
    issuer: 'session-gateway',
    audience: 'session-gateway',
    signing: { algorithm: 'HS256', keyCacheTtlSeconds: 30, previousPublicKeyPems: [] },
  },
} as unknown as AppConfig;

/** The real HS256 key set and TokenVerifier (no database: HS256 signs with JWT_SECRET). */
async function tokenVerifier(): Promise<TokenVerifier> {
  const keys = new SigningKeys(config, {} as SigningKeysRepository);
  await keys.onModuleInit();
  return new TokenVerifier(config, keys);
}
const GUID = '0f0e0d0c-0b0a-4908-8706-050403020100';

describe('BearerVerifier', () => {
  let live: Map<number, SessionState | null>;
  let checks: number[];
  let asPromise: boolean;
  const activity = {
    liveSession: (id: number, ownerGuid: string) => {
      checks.push(id);
      const found = live.get(id) ?? null;
      const state = found?.userGuid === ownerGuid ? found : null;
      return asPromise ? Promise.resolve(state) : state;
    },
  } as unknown as SessionActivity;
  /** A signed bearer header; `exp` in the claims replaces the default 10 minutes, `noExp` drops it. */
  const token = (
    claims: { exp?: number; noExp?: true; sub?: string } = {},
    options: object = {},
  ) => {
    const { noExp, ...rest } = claims;
    const exp = noExp ? {} : { exp: Math.floor(Date.now() / 1000) + 600 };
    return `Bearer ${sign({ sid: 7, sub: GUID, ...exp, ...rest }, SECRET, {
      algorithm: 'HS256',
      issuer: 'session-gateway',
      audience: 'session-gateway',
      ...options,
    })}`;
  };

  beforeEach(() => {
    live = new Map([[7, { id: 7, userId: 3, userGuid: GUID, permissions: ['x'] } as SessionState]]);
    checks = [];
    asPromise = false;
  });

  it('reads the header as passport-jwt did: the scheme case-insensitive, nothing else', async () => {
    expect(bearerTokenOf('Bearer abc')).toBe('abc');
    expect(bearerTokenOf('bearer   abc')).toBe('abc');
    expect(bearerTokenOf('Basic abc')).toBeNull();
    expect(bearerTokenOf('Bearer')).toBeNull();
    expect(bearerTokenOf(undefined)).toBeNull();
  });

  it('answers a live session synchronously, and awaits when the activity check must', async () => {
    const verifier = new BearerVerifier(await tokenVerifier(), activity);
    const header = token({});
    // The first sight of a token verifies it (asynchronously); after that it is remembered.
    await verifier.principalOf(header);
    expect(verifier.principalOf(header)).toEqual({
      userId: 3,
      userGuid: GUID,
      sessionId: 7,
      permissions: ['x'],
    });
    asPromise = true;
    const pending = verifier.principalOf(header);
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toMatchObject({ sessionId: 7 });
  });

  it('checks liveness on every request, memo or not: an ended session fails at once', async () => {
    const verifier = new BearerVerifier(await tokenVerifier(), activity);
    const header = token({});
    expect(await verifier.principalOf(header)).not.toBeNull();
    live.set(7, null);
    expect(await verifier.principalOf(header)).toBeNull();
    expect(checks).toEqual([7, 7]);
  });

  it('refuses a token of another user, another key, another algorithm or without exp', async () => {
    const verifier = new BearerVerifier(await tokenVerifier(), activity);
    expect(await verifier.principalOf(token({ sub: GUID.replace('0f', '1f') }))).toBeNull();
    const foreign = `Bearer ${sign({ sid: 7, sub: GUID }, 'another-secret-another-secret-0123456', { algorithm: 'HS256', issuer: 'session-gateway', audience: 'session-gateway', expiresIn: 600 })}`;
    expect(await verifier.principalOf(foreign)).toBeNull();
    expect(await verifier.principalOf(token({}, { algorithm: 'HS512' }))).toBeNull();
    expect(await verifier.principalOf(token({ noExp: true }))).toBeNull();
    expect(await verifier.principalOf(token({}, { audience: 'elsewhere' }))).toBeNull();
  });

  it('stops accepting a remembered token at its exp', async () => {
    const verifier = new BearerVerifier(await tokenVerifier(), activity);
    const now = Date.now();
    const spy = jest.spyOn(Date, 'now');
    try {
      spy.mockReturnValue(now);
      const header = token({ exp: Math.floor(now / 1000) + 2 });
      expect(await verifier.principalOf(header)).not.toBeNull();
      spy.mockReturnValue((Math.floor(now / 1000) + 2) * 1000);
      expect(await verifier.principalOf(header)).toBeNull();
    } finally {
      spy.mockRestore();
    }
  });
});
