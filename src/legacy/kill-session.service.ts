import { Injectable } from '@nestjs/common';
import { UsuarioDto } from '@/legacy/contracts';
import { SessionsService } from '@/sessions/sessions.service';
import { UserEntity } from '@/users/entities/user.entity';
import { Privileges } from '@/users/privileges';
import { UsersRepository } from '@/users/users.repository';
import { hasPermission, Principal } from '@/auth/principal';
import { LegacyErrors } from './legacy-errors';

export type KillSessionOutcome = { found: false } | { found: true; ended: number };

/**
 * Seed 000: ends every active session of the user a `UsuarioDto` names (by
 * `Id`, else `IdUser`, else `Username`; 0 means not given). The password
 * fields of the body are never read. Another user's sessions need
 * `session.delete` and an owner whose permissions are a subset of the caller's.
 */
@Injectable()
export class KillSessionService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly privileges: Privileges,
  ) {}

  async kill(
    caller: Principal,
    target: UsuarioDto,
    ip: string | null,
  ): Promise<KillSessionOutcome> {
    const user = await this.findTarget(target);
    const own = user?.id === caller.userId;
    const actor = { userId: caller.userId, permissions: caller.permissions, ip };
    if (!own && !hasPermission(caller, 'session.delete')) {
      throw await this.privileges.refusal(actor, {
        attempted: 'session.ended',
        reason: 'PermissionDenied',
        subjectUserId: user?.id,
      });
    }
    if (!user) return { found: false };
    await this.privileges.assertMayActOn(actor, user.id, 'session.ended');
    const ended = await this.sessions.endAllForUser(
      user.id,
      { actorUserId: caller.userId, reason: own ? 'kill_session_own' : 'kill_session' },
      ip,
    );
    return { found: true, ended };
  }

  private findTarget(target: UsuarioDto): Promise<UserEntity | null> {
    const id = target.Id || target.IdUser;
    if (id) return this.users.findById(id);
    if (target.Username) return this.users.findByUsername(target.Username);
    throw LegacyErrors.noUserNamed();
  }
}
