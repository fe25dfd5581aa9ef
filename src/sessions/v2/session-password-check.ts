import { Inject, Injectable } from '@nestjs/common';
import { AuditRepository } from '@/audit/audit.repository';
import { PasswordHasher } from '@/auth/passwords/password-hasher';
import { DomainError } from '@/common/errors/domain-error';
import { APP_CONFIG, AppConfig } from '@/config';
import { ClientMeta, DENIED } from '@/sessions/sessions.service';
import { UserEntity } from '@/users/entities/user.entity';
import { UsersRepository } from '@/users/users.repository';

/**
 * `checks.password` on an existing session (PATCH): the same rules as a login
 * (lockout counting, locked/blocked/disabled refused, legacy hashes re-hashed,
 * one answer for every failure), recorded as `login.succeeded` / `login.failed`
 * for that session, which is where `factors.password.verifiedAt` is read from.
 */
@Injectable()
export class SessionPasswordCheck {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async verify(
    user: UserEntity,
    password: string,
    sessionId: number,
    client: ClientMeta,
  ): Promise<void> {
    const candidate = await this.users.findLoginCandidate(user.username);
    if (!candidate?.password || candidate.user.id !== user.id) {
      await this.hasher.dummyVerify(password);
      return this.refuse(user.id, sessionId, client, 'unknown_user');
    }
    const current = candidate.user;
    if (current.lockedUntil && current.lockedUntil.getTime() > Date.now()) {
      await this.hasher.dummyVerify(password);
      return this.refuse(user.id, sessionId, client, 'locked');
    }
    const verdict = await this.hasher.verify(candidate.password, password);
    if (!verdict.ok) {
      const outcome = await this.users.recordFailedLogin(user.id, this.config.lockout);
      if (outcome.lockedUntil && outcome.failedLoginAttempts >= this.config.lockout.threshold) {
        await this.audit.record({
          action: 'login.locked_out',
          subjectUserId: user.id,
          ip: client.ip,
          details: {
            failedLoginAttempts: outcome.failedLoginAttempts,
            lockedUntil: outcome.lockedUntil.toISOString(),
          },
        });
      }
      return this.refuse(user.id, sessionId, client, 'wrong_password');
    }
    if (current.blockedAt || current.disabledAt) {
      return this.refuse(user.id, sessionId, client, current.blockedAt ? 'blocked' : 'disabled');
    }
    if (verdict.needsRehash)
      await this.users.setPasswordHash(user.id, await this.hasher.hash(password));
    await this.users.recordSuccessfulLogin(user.id);
    await this.audit.record({
      action: 'login.succeeded',
      actorUserId: user.id,
      subjectUserId: user.id,
      sessionId,
      ip: client.ip,
      details: { channel: 'v2', check: 'session.password', rehashed: verdict.needsRehash },
    });
  }

  private async refuse(
    userId: number,
    sessionId: number,
    client: ClientMeta,
    reason: string,
  ): Promise<never> {
    await this.audit.record({
      action: 'login.failed',
      subjectUserId: userId,
      sessionId,
      ip: client.ip,
      details: { reason, channel: 'v2', check: 'session.password' },
    });
    throw new DomainError('Unauthenticated', 'InvalidCredentials', DENIED);
  }
}
