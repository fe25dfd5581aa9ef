import { Inject, Injectable } from '@nestjs/common';
import { AuditRepository } from '@/audit/audit.repository';
import { DomainError } from '@/common/errors/domain-error';
import { APP_CONFIG, AppConfig } from '@/config';
import { SessionChannel } from '@/sessions/entities/session.entity';
import { ClientMeta, DENIED, IssuedSession, SessionsService } from '@/sessions/sessions.service';
import { UsersRepository } from '@/users/users.repository';
import { PasswordHasher } from './passwords/password-hasher';

export interface LoginRequest extends ClientMeta {
  username: string;
  password: string;
  channel: SessionChannel;
  lifetimeSeconds?: number;
}

/**
 * Password logins. An unknown user, a wrong password, a locked, blocked or
 * disabled account all get the same error after the same work (one argon2
 * verify), so neither the answer nor its timing tells them apart.
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(request: LoginRequest): Promise<IssuedSession> {
    const candidate =
      request.username.length <= 256 ? await this.users.findLoginCandidate(request.username) : null;
    if (!candidate || !candidate.password) {
      await this.hasher.dummyVerify(request.password);
      return this.refuse(request, null, 'unknown_user');
    }
    const { user, password } = candidate;
    if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
      await this.hasher.dummyVerify(request.password);
      return this.refuse(request, user.id, 'locked');
    }
    const verdict = await this.hasher.verify(password, request.password);
    if (!verdict.ok) {
      const outcome = await this.users.recordFailedLogin(user.id, this.config.lockout);
      if (outcome.lockedUntil && outcome.failedLoginAttempts >= this.config.lockout.threshold) {
        await this.audit.record({
          action: 'login.locked_out',
          subjectUserId: user.id,
          ip: request.ip,
          details: {
            failedLoginAttempts: outcome.failedLoginAttempts,
            lockedUntil: outcome.lockedUntil.toISOString(),
          },
        });
      }
      return this.refuse(request, user.id, 'wrong_password');
    }
    if (user.blockedAt || user.disabledAt) {
      return this.refuse(request, user.id, user.blockedAt ? 'blocked' : 'disabled');
    }
    if (verdict.needsRehash)
      await this.users.setPasswordHash(user.id, await this.hasher.hash(request.password));
    await this.users.recordSuccessfulLogin(user.id);
    const issued = await this.sessions.open(user, {
      channel: request.channel,
      ip: request.ip,
      userAgent: request.userAgent,
      lifetimeSeconds: request.lifetimeSeconds,
    });
    await this.audit.record({
      action: 'login.succeeded',
      actorUserId: user.id,
      subjectUserId: user.id,
      sessionId: issued.session.id,
      ip: request.ip,
      details: { channel: request.channel, rehashed: verdict.needsRehash },
    });
    return issued;
  }

  private async refuse(
    request: LoginRequest,
    userId: number | null,
    reason: string,
  ): Promise<never> {
    await this.audit.record({
      action: 'login.failed',
      subjectUserId: userId,
      ip: request.ip,
      details: { reason, channel: request.channel, username: request.username.slice(0, 64) },
    });
    throw new DomainError('Unauthenticated', 'InvalidCredentials', DENIED);
  }
}
