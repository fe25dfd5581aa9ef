import { Injectable } from '@nestjs/common';
import { UsuarioDto } from '@/contracts/legacy';
import { DomainError } from '@/common/errors/domain-error';
import { SessionsService } from '@/sessions/sessions.service';
import { UserEntity } from '@/users/entities/user.entity';
import { UsersRepository } from '@/users/users.repository';
import { hasPermission, Principal } from './principal';

export type KillSessionOutcome = { found: false } | { found: true; ended: number };

/**
 * Seed 000: ends every active session of the user a `UsuarioDto` names (by
 * `Id`, else `IdUser`, else `Username`; 0 means not given). The password
 * fields of the body are never read.
 */
@Injectable()
export class KillSessionService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
  ) {}

  async kill(
    caller: Principal,
    target: UsuarioDto,
    ip: string | null,
  ): Promise<KillSessionOutcome> {
    const user = await this.findTarget(target);
    const own = user?.id === caller.userId;
    if (!own && !hasPermission(caller, 'session.delete')) {
      throw new DomainError(
        'PermissionDenied',
        'PermissionDenied',
        "Ending another user's sessions needs the session.delete permission.",
      );
    }
    if (!user) return { found: false };
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
    throw new DomainError('InvalidArgument', 'NoUserNamed', 'The request is invalid.', {
      'usuario.Id': ['Name the user by Id, IdUser or Username.'],
    });
  }
}
