import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditRepository } from '@/audit/audit.repository';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { MetricsService } from '@/platform/metrics/metrics.service';
import { SessionChannel } from '@/sessions/entities/session.entity';
import { ClientMeta } from '@/sessions/sessions.service';
import { UserEntity } from '@/users/entities/user.entity';
import { LoginReservation, UsersRepository } from '@/users/users.repository';
import { LegacyAuthClient } from './migration/legacy-auth.client';
import { mayAskLegacyService } from './migration/migration-eligibility';
import { PasswordHasher } from '@/users/passwords/password-hasher';
import { IssuedSession, SessionTokens } from './tokens/session-tokens.service';
import { AuthErrors } from './auth-errors';

export interface CredentialAttempt extends ClientMeta {
  username: string;
  password: string;
  channel: SessionChannel;
  /** Set when re-checking a password on an existing session (v2 PATCH). */
  sessionId?: number;
  /** What asked for the check, for the audit trail (e.g. `session.password`). */
  check?: string;
}

export interface LoginRequest extends CredentialAttempt {
  lifetimeSeconds?: number;
}

/** A checked password: whose, and whether the check replaced or created its hash. */
interface CheckedPassword {
  user: UserEntity;
  rehashed: boolean;
  migrated: boolean;
}

/**
 * Password checks and logins. An unknown user, a wrong password, a locked,
 * blocked or disabled account all get the same error after the same work
 * (one argon2 verify), so neither the answer nor its timing tells them apart.
 *
 * With LEGACY_AUTH_URL set, a name unknown here or a user without a password
 * (not a federated one) is checked against the legacy service instead
 * (just-in-time migration): an accepted password is stored as argon2id, so
 * that user never reaches the legacy service again. Every path of that
 * check costs one legacy call plus one argon2 operation, and answers the same
 * uniform error on any failure.
 */
@Injectable()
export class LoginService {
  private readonly logger = new Logger(LoginService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionTokens,
    private readonly audit: AuditRepository,
    private readonly metrics: MetricsService,
    private readonly legacy: LegacyAuthClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(request: LoginRequest): Promise<IssuedSession> {
    const { user, rehashed, migrated } = await this.checkPassword(request);
    const issued = await this.sessions.open(user, {
      channel: request.channel,
      ip: request.ip,
      userAgent: request.userAgent,
      lifetimeSeconds: request.lifetimeSeconds,
    });
    await this.recordSuccess(request, user, issued.session.id, rehashed, migrated);
    return issued;
  }

  /** Re-checks a password on an existing session, with every rule a login has. */
  async recheck(attempt: CredentialAttempt & { sessionId: number }): Promise<UserEntity> {
    const { user, rehashed, migrated } = await this.checkPassword(attempt);
    await this.recordSuccess(attempt, user, attempt.sessionId, rehashed, migrated);
    return user;
  }

  /**
   * Verifies the password and returns the user; throws the one uniform error
   * otherwise: against the stored hash, or, for a user without one, against
   * the legacy service (`mayMigrate` false: not again, after a parallel
   * login stored a hash first).
   */
  private async checkPassword(
    attempt: CredentialAttempt,
    mayMigrate = true,
  ): Promise<CheckedPassword> {
    const candidate =
      attempt.username.length <= 256 ? await this.users.findLoginCandidate(attempt.username) : null;
    if (candidate?.password) {
      return this.checkStoredPassword(attempt, candidate.user, candidate.password);
    }
    // A user with a password here never reaches the legacy service (no
    // downgrade), nor does a federated one (its client vouches for it).
    if (
      mayMigrate &&
      this.legacy.enabled &&
      !candidate?.federated &&
      mayAskLegacyService(attempt.username, attempt.password)
    ) {
      return candidate
        ? this.migratePasswordless(attempt, candidate.user)
        : this.migrateUnknown(attempt);
    }
    await this.hasher.dummyVerify(attempt.password);
    return this.refuse(attempt, null, 'unknown_user');
  }

  private async checkStoredPassword(
    attempt: CredentialAttempt,
    user: UserEntity,
    password: { hash: string; salt: string | null },
  ): Promise<CheckedPassword> {
    const reservation = await this.reserve(attempt, user);
    const verdict = await this.hasher.verify(password, attempt.password);
    if (!verdict.ok) {
      await this.recordFailure(attempt, reservation);
      return this.refuse(attempt, user.id, 'wrong_password');
    }
    await this.assertActive(attempt, user, reservation);
    if (!(await this.users.recordSuccessfulLogin(reservation))) {
      return this.refuse(attempt, user.id, 'locked');
    }
    if (verdict.needsRehash) {
      await this.users.setPasswordHash(user.id, await this.hasher.hash(attempt.password));
    }
    return { user, rehashed: verdict.needsRehash, migrated: false };
  }

  /**
   * A user without a password (imported without a hash): the legacy service
   * checks the password under one of the account's reserved attempts, so the
   * lockout rules hold as for a local check. Its refusal counts as a wrong
   * password; no verdict (timeout, error) frees the attempt uncounted.
   */
  private async migratePasswordless(
    attempt: CredentialAttempt,
    user: UserEntity,
  ): Promise<CheckedPassword> {
    const reservation = await this.reserve(attempt, user);
    const verdict = await this.legacy.check(attempt.username, attempt.password);
    if (verdict.outcome === 'refused') {
      await this.hasher.dummyVerify(attempt.password);
      await this.recordMigrationFailure(attempt, user.id, 'legacy_refused');
      await this.recordFailure(attempt, reservation);
      return this.refuse(attempt, user.id, 'wrong_password');
    }
    if (verdict.outcome === 'unavailable') {
      await this.hasher.dummyVerify(attempt.password);
      await this.users.releaseLoginAttempt(reservation);
      return this.refuseUnavailable(attempt, user.id, verdict.cause);
    }
    await this.assertActive(attempt, user, reservation, true);
    if (
      !(await this.users.setFirstPasswordHash(user.id, await this.hasher.hash(attempt.password)))
    ) {
      // It got a password meanwhile (a reset, a parallel login): only that one counts now.
      await this.users.releaseLoginAttempt(reservation);
      return this.checkPassword(attempt, false);
    }
    await this.recordMigration(attempt, user.id, false, verdict.legacyUserId);
    if (!(await this.users.recordSuccessfulLogin(reservation))) {
      return this.refuse(attempt, user.id, 'locked');
    }
    return { user, rehashed: false, migrated: true };
  }

  /**
   * A name unknown here: an accepted password creates the user (the name as
   * given, no roles) in one INSERT that only one of parallel first logins
   * wins; the others find the new user and check against its hash. There is
   * no account whose lockout could count a refusal.
   */
  private async migrateUnknown(attempt: CredentialAttempt): Promise<CheckedPassword> {
    const verdict = await this.legacy.check(attempt.username, attempt.password);
    if (verdict.outcome !== 'accepted') {
      await this.hasher.dummyVerify(attempt.password);
      if (verdict.outcome === 'unavailable') {
        return this.refuseUnavailable(attempt, null, verdict.cause);
      }
      await this.recordMigrationFailure(attempt, null, 'legacy_refused');
      return this.refuse(attempt, null, 'unknown_user');
    }
    const hash = await this.hasher.hash(attempt.password);
    const user = await this.users.createIfUsernameFree(attempt.username, hash);
    if (!user) return this.checkPassword(attempt, false);
    await this.recordMigration(attempt, user.id, true, verdict.legacyUserId);
    return { user, rehashed: false, migrated: true };
  }

  /**
   * Reserves one of the account's remaining attempts (SPEC 5: at most the lockout
   * threshold of checks reach the password per lock window, whatever the
   * concurrency); without one, only the time a check costs is spent.
   */
  private async reserve(attempt: CredentialAttempt, user: UserEntity): Promise<LoginReservation> {
    const reservation = await this.users.reserveLoginAttempt(user.id, this.config.lockout);
    if (reservation) return reservation;
    await this.hasher.dummyVerify(attempt.password);
    // Locked, or every remaining attempt is being checked right now.
    const locked = user.lockedUntil !== null && user.lockedUntil.getTime() > Date.now();
    return this.refuse(attempt, user.id, locked ? 'locked' : 'attempts_in_flight');
  }

  /**
   * A blocked or disabled user's right password: the attempt is freed,
   * uncounted, and refused (when migrating, after the argon2 work a stored
   * hash would have cost, and without storing one).
   */
  private async assertActive(
    attempt: CredentialAttempt,
    user: UserEntity,
    reservation: LoginReservation,
    migrating = false,
  ): Promise<void> {
    if (!user.blockedAt && !user.disabledAt) return;
    const reason = user.blockedAt ? 'blocked' : 'disabled';
    await this.users.releaseLoginAttempt(reservation);
    if (migrating) {
      await this.hasher.dummyVerify(attempt.password);
      await this.recordMigrationFailure(attempt, user.id, reason);
    }
    await this.refuse(attempt, user.id, reason);
  }

  /**
   * The legacy service gave no verdict. Answered as a failed login, not a
   * 503: a distinct answer would tell which names have no password here yet.
   * Logged for the operator, who has no other sign of the outage.
   */
  private async refuseUnavailable(
    attempt: CredentialAttempt,
    userId: number | null,
    cause: string,
  ): Promise<never> {
    this.logger.warn(`legacy login check gave no verdict (${cause}); answered as a failed login`);
    await this.recordMigrationFailure(attempt, userId, 'legacy_unavailable', cause);
    return this.refuse(attempt, userId, 'legacy_unavailable');
  }

  private async recordMigration(
    attempt: CredentialAttempt,
    userId: number,
    created: boolean,
    legacyUserId: number | null,
  ): Promise<void> {
    await this.audit.record({
      action: 'user.migrated',
      actorUserId: userId,
      subjectUserId: userId,
      ip: attempt.ip,
      details: { channel: attempt.channel, created, legacyUserId },
    });
  }

  private async recordMigrationFailure(
    attempt: CredentialAttempt,
    userId: number | null,
    reason: string,
    cause?: string,
  ): Promise<void> {
    await this.audit.record({
      action: 'login.migration_failed',
      subjectUserId: userId,
      ip: attempt.ip,
      details: {
        reason,
        channel: attempt.channel,
        username: attempt.username.slice(0, 64),
        ...(cause ? { cause } : {}),
      },
    });
  }

  private async recordFailure(
    attempt: CredentialAttempt,
    reservation: LoginReservation,
  ): Promise<void> {
    const outcome = await this.users.recordFailedLogin(reservation, this.config.lockout);
    if (outcome.lockedUntil && outcome.failedLoginAttempts >= this.config.lockout.threshold) {
      await this.audit.record({
        action: 'login.locked_out',
        subjectUserId: reservation.userId,
        ip: attempt.ip,
        details: {
          failedLoginAttempts: outcome.failedLoginAttempts,
          lockedUntil: outcome.lockedUntil.toISOString(),
        },
      });
    }
  }

  private async recordSuccess(
    attempt: CredentialAttempt,
    user: UserEntity,
    sessionId: number,
    rehashed: boolean,
    migrated: boolean,
  ): Promise<void> {
    this.metrics.logins.inc({ outcome: 'succeeded', channel: attempt.channel });
    await this.audit.record({
      action: 'login.succeeded',
      actorUserId: user.id,
      subjectUserId: user.id,
      sessionId,
      ip: attempt.ip,
      details: {
        channel: attempt.channel,
        rehashed,
        ...(migrated ? { migrated } : {}),
        ...(attempt.check ? { check: attempt.check } : {}),
      },
    });
  }

  private async refuse(
    attempt: CredentialAttempt,
    userId: number | null,
    reason: string,
  ): Promise<never> {
    this.metrics.logins.inc({ outcome: 'failed', channel: attempt.channel });
    await this.audit.record({
      action: 'login.failed',
      subjectUserId: userId,
      sessionId: attempt.sessionId ?? null,
      ip: attempt.ip,
      details: {
        reason,
        channel: attempt.channel,
        username: attempt.username.slice(0, 64),
        ...(attempt.check ? { check: attempt.check } : {}),
      },
    });
    throw AuthErrors.invalidCredentials();
  }
}
