import { AuditRepository } from '@/audit/audit.repository';
import { AppConfig } from '@/platform/config';
import { DomainError } from '@/platform/errors/domain-error';
import { MetricsService } from '@/platform/metrics/metrics.service';
import { UserEntity } from '@/users/entities/user.entity';
import { PasswordHasher } from '@/users/passwords/password-hasher';
import { LoginReservation, UsersRepository } from '@/users/users.repository';
import { LoginService, LoginRequest } from './login.service';
import { LegacyAuthClient } from './migration/legacy-auth.client';
import { IssuedSession, SessionTokens } from './tokens/session-tokens.service';

const LOCKOUT = { threshold: 3, baseSeconds: 60, maxSeconds: 3600, reservationSeconds: 120 };
const RIGHT = 'right password';

/**
 * The users repository's lockout statements, kept in memory with the same
 * rules as their SQL: a check is reserved only while the account is unlocked
 * and failures plus checks in flight stay below the threshold.
 */
class FakeUsers {
  failures = 0;
  lockedUntil: Date | null = null;
  readonly reservations = new Set<string>();
  readonly user = { id: 1, lockedUntil: null, blockedAt: null, disabledAt: null } as UserEntity;
  private next = 0;

  constructor(private readonly log: string[]) {}

  private unlocked = () => this.lockedUntil === null || this.lockedUntil.getTime() <= Date.now();

  async findLoginCandidate(username: string) {
    if (username !== 'alice') return null;
    return {
      user: { ...this.user, lockedUntil: this.lockedUntil },
      password: { hash: 'stored', salt: null },
      federated: false,
    };
  }

  async reserveLoginAttempt(userId: number): Promise<LoginReservation | null> {
    this.log.push('reserve');
    if (
      !this.unlocked() ||
      this.reservations.size >= Math.max(LOCKOUT.threshold - this.failures, 1)
    )
      return null;
    const reservation = { userId, id: String(++this.next) };
    this.reservations.add(reservation.id);
    return reservation;
  }

  async recordFailedLogin(reservation: LoginReservation) {
    this.failures += 1;
    if (this.failures >= LOCKOUT.threshold) this.lockedUntil = new Date(Date.now() + 60_000);
    this.reservations.delete(reservation.id);
    return { failedLoginAttempts: this.failures, lockedUntil: this.lockedUntil };
  }

  async recordSuccessfulLogin(reservation: LoginReservation) {
    this.reservations.delete(reservation.id);
    if (!this.unlocked()) return false;
    this.failures = 0;
    return true;
  }

  async releaseLoginAttempt(reservation: LoginReservation) {
    this.reservations.delete(reservation.id);
  }

  async setPasswordHash() {}
}

describe('LoginService lockout', () => {
  let log: string[];
  let users: FakeUsers;
  let audit: Array<{ action: string; details?: Record<string, unknown> }>;
  /** While set, every real verify waits for it (to hold checks in flight). */
  let gate: Promise<void> | null;

  const service = () => {
    const hasher = {
      verify: async (_stored: unknown, password: string) => {
        log.push('verify');
        await gate;
        return { ok: password === RIGHT, needsRehash: false };
      },
      dummyVerify: async () => {
        log.push('dummyVerify');
        return { ok: false, needsRehash: false };
      },
    } as unknown as PasswordHasher;
    const tokens = {
      open: async () => ({ session: { id: 99 } }) as IssuedSession,
    } as unknown as SessionTokens;
    const auditRepository = {
      record: async (entry: { action: string; details?: Record<string, unknown> }) =>
        void audit.push(entry),
    } as unknown as AuditRepository;
    const metrics = { logins: { inc: () => undefined } } as unknown as MetricsService;
    const legacy = { enabled: false } as LegacyAuthClient;
    const config = { lockout: LOCKOUT } as AppConfig;
    return new LoginService(
      users as unknown as UsersRepository,
      hasher,
      tokens,
      auditRepository,
      metrics,
      legacy,
      config,
    );
  };
  const attempt = (password: string, username = 'alice'): LoginRequest => ({
    username,
    password,
    channel: 'legacy',
    ip: '203.0.113.9',
    userAgent: 'test',
  });
  /** The error a login throws (the test fails if it succeeds). */
  const refusal = async (login: Promise<unknown>): Promise<DomainError> => {
    const error = await login.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  };
  const reasons = () =>
    audit.filter((entry) => entry.action === 'login.failed').map((e) => e.details?.reason);

  beforeEach(() => {
    log = [];
    users = new FakeUsers(log);
    audit = [];
    gate = null;
  });

  it('reserves an attempt before the hash is checked, and frees it after a success', async () => {
    await service().login(attempt(RIGHT));
    expect(log).toEqual(['reserve', 'verify']);
    expect(users.reservations.size).toBe(0);
    expect(audit.map((entry) => entry.action)).toEqual(['login.succeeded']);
  });

  it('counts a wrong password, frees its attempt, and locks at the threshold', async () => {
    for (let i = 1; i <= LOCKOUT.threshold; i++) {
      await refusal(service().login(attempt('wrong')));
      expect(users.failures).toBe(i);
      expect(users.reservations.size).toBe(0);
    }
    expect(users.lockedUntil).not.toBeNull();
    expect(audit.filter((entry) => entry.action === 'login.locked_out')).toHaveLength(1);
    expect(reasons()).toEqual(Array(LOCKOUT.threshold).fill('wrong_password'));
  });

  it('once locked, refuses even the right password without checking the hash', async () => {
    for (let i = 0; i < LOCKOUT.threshold; i++) await refusal(service().login(attempt('wrong')));
    log.length = 0;
    await refusal(service().login(attempt(RIGHT)));
    expect(log).toEqual(['reserve', 'dummyVerify']);
    expect(reasons().at(-1)).toBe('locked');
    expect(users.failures).toBe(LOCKOUT.threshold);
  });

  it('lets no more than the threshold of parallel attempts reach the hash', async () => {
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    const logins = Array.from({ length: 10 }, () => refusal(service().login(attempt('wrong'))));
    await new Promise((resolve) => setImmediate(resolve));
    open();
    await Promise.all(logins);
    expect(log.filter((step) => step === 'verify')).toHaveLength(LOCKOUT.threshold);
    expect(log.filter((step) => step === 'dummyVerify')).toHaveLength(10 - LOCKOUT.threshold);
    expect(reasons().filter((reason) => reason === 'attempts_in_flight')).toHaveLength(
      10 - LOCKOUT.threshold,
    );
    expect(users.failures).toBe(LOCKOUT.threshold);
    expect(users.reservations.size).toBe(0);
  });

  it("frees a blocked user's attempt uncounted and refuses the right password", async () => {
    Object.assign(users.user, { blockedAt: new Date() });
    await refusal(service().login(attempt(RIGHT)));
    expect(users.reservations.size).toBe(0);
    expect(users.failures).toBe(0);
    expect(reasons()).toEqual(['blocked']);
  });

  it('answers unknown, wrong, locked and blocked alike, after one argon2 check each', async () => {
    const seen: Array<{ error: DomainError; work: string[] }> = [];
    const record = async (login: () => Promise<unknown>) => {
      log.length = 0;
      const error = await refusal(login());
      seen.push({ error, work: log.filter((step) => step !== 'reserve') });
    };
    await record(() => service().login(attempt(RIGHT, 'nobody')));
    await record(() => service().login(attempt('wrong')));
    for (let i = 1; i < LOCKOUT.threshold; i++) await refusal(service().login(attempt('wrong')));
    await record(() => service().login(attempt(RIGHT)));
    users = new FakeUsers(log);
    Object.assign(users.user, { disabledAt: new Date() });
    await record(() => service().login(attempt(RIGHT)));

    expect(reasons()).toEqual([
      'unknown_user',
      'wrong_password',
      'wrong_password',
      'wrong_password',
      'locked',
      'disabled',
    ]);
    for (const { error, work } of seen) {
      expect({ kind: error.kind, code: error.code, message: error.message }).toEqual({
        kind: 'Unauthenticated',
        code: 'InvalidCredentials',
        message: 'InvalidCredentials',
      });
      expect(work).toHaveLength(1);
    }
  });
});
