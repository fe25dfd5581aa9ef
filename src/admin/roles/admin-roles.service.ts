import { Inject, Injectable } from '@nestjs/common';
import { AdminActor } from '@/admin/common/admin-actor';
import { AuditRepository } from '@/audit/audit.repository';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { DomainError } from '@/platform/errors/domain-error';
import { SessionsRepository } from '@/sessions/sessions.repository';
import { SessionLimits } from './role-session-limit.contract';

export const MAX_SESSION_LIMIT = 100_000;

@Injectable()
export class AdminRolesService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sessionLimits(): Promise<SessionLimits> {
    const roles = await this.sessions.roleSessionLimits();
    return Object.assign(new SessionLimits(), {
      GlobalLimit: this.config.session.limitPerUser ?? null,
      Policy: this.config.session.limitPolicy,
      Roles: roles.map((row) => ({ Role: row.role, MaxSessions: row.maxSessions })),
    });
  }

  /** Sets or removes a role's limit; it applies from the next login (existing sessions stay). */
  async setSessionLimit(
    role: string,
    maxSessions: number | null,
    actor: AdminActor,
  ): Promise<SessionLimits> {
    if (maxSessions !== null && !(maxSessions >= 1 && maxSessions <= MAX_SESSION_LIMIT)) {
      throw new DomainError(
        'InvalidArgument',
        'InvalidSessionLimit',
        `"MaxSessions" must be a whole number from 1 to ${MAX_SESSION_LIMIT}, or null`,
      );
    }
    if (!(await this.sessions.setRoleSessionLimit(role, maxSessions))) {
      throw new DomainError('NotFound', 'RoleNotFound', `no role named "${role}"`);
    }
    await this.audit.record({
      action: 'role.session_limit_changed',
      actorUserId: actor.userId,
      subjectUserId: null,
      sessionId: null,
      ip: actor.ip,
      details: { role, maxSessions },
    });
    return this.sessionLimits();
  }
}
