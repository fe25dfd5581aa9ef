import { Inject, Injectable } from '@nestjs/common';
import { AuditRepository } from '@/audit/audit.repository';
import { DomainError } from '@/platform/errors/domain-error';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { MetricsService } from '@/platform/metrics/metrics.service';
import { SessionChannel } from '@/sessions/entities/session.entity';
import { ClientMeta, DENIED, IssuedSession, SessionsService } from '@/sessions/sessions.service';
import { UserEntity } from '@/users/entities/user.entity';
import { LoginReservation, UsersRepository } from '@/users/users.repository';
import { PasswordHasher } from '@/users/passwords/password-hasher';

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

/**
 * Password checks and logins. An unknown user, a wrong password, a locked,
 * blocked or disabled account all get the same error after the same work
 * (one argon2 verify), so neither the answer nor its timing tells them apart.
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly audit: AuditRepository,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(request: LoginRequest): Promise<IssuedSession> {
    const { user, rehashed } = await this.checkPassword(request);
    const issued = await this.sessions.open(user, {
      channel: request.channel,
      ip: request.ip,
      userAgent: request.userAgent,
      lifetimeSeconds: request.lifetimeSeconds,
    });
    await this.recordSuccess(request, user, issued.session.id, rehashed);
    return issued;
  }

  /** Re-checks a password on an existing session, with every rule a login has. */
  async recheck(attempt: CredentialAttempt & { sessionId: number }): Promise<UserEntity> {
    const { user, rehashed } = await this.checkPassword(attempt);
    await this.recordSuccess(attempt, user, attempt.sessionId, rehashed);
    return user;
  }

  /**
   * Verifies the password and returns the user; throws the one uniform error
   * otherwise. The check first reserves one of the account's remaining
   * attempts (SPEC 5: at most the lockout threshold of checks reach the hash
   * per lock window, whatever the concurrency); without a slot it only spends
   * the time a check costs. The verdict then counts the failure (locking at
   * the threshold) or clears the failures, and legacy hashes are re-hashed.
   */
  private async checkPassword(
    attempt: CredentialAttempt,
  ): Promise<{ user: UserEntity; rehashed: boolean }> {
    const candidate =
      attempt.username.length <= 256 ? await this.users.findLoginCandidate(attempt.username) : null;
    if (!candidate || !candidate.password) {
      await this.hasher.dummyVerify(attempt.password);
      return this.refuse(attempt, null, 'unknown_user');
    }
    const { user, password } = candidate;
    const reservation = await this.users.reserveLoginAttempt(user.id, this.config.lockout);
    if (!reservation) {
      await this.hasher.dummyVerify(attempt.password);
      // Locked, or every remaining attempt is being checked right now.
      const locked = user.lockedUntil !== null && user.lockedUntil.getTime() > Date.now();
      return this.refuse(attempt, user.id, locked ? 'locked' : 'attempts_in_flight');
    }
    const verdict = await this.hasher.verify(password, attempt.password);
    if (!verdict.ok) {
      await this.recordFailure(attempt, reservation);
      return this.refuse(attempt, user.id, 'wrong_password');
    }
    if (user.blockedAt || user.disabledAt) {
      await this.users.releaseLoginAttempt(reservation);
      return this.refuse(attempt, user.id, user.blockedAt ? 'blocked' : 'disabled');
    }
    if (!(await this.users.recordSuccessfulLogin(reservation))) {
      return this.refuse(attempt, user.id, 'locked');
    }
    if (verdict.needsRehash) {
      await this.users.setPasswordHash(user.id, await this.hasher.hash(attempt.password));
    }
    return { user, rehashed: verdict.needsRehash };
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
    throw new DomainError('Unauthenticated', 'InvalidCredentials', DENIED);
  }
}
