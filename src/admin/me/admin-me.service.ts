import { Injectable } from '@nestjs/common';
import { Principal } from '@/auth/principal';
import { DomainError } from '@/platform/errors/domain-error';
import { UsersRepository } from '@/users/users.repository';
import { AdminMe } from './me.contract';

/** The caller's own account, for a client deciding which actions to offer. */
@Injectable()
export class AdminMeService {
  constructor(private readonly users: UsersRepository) {}

  async me(caller: Principal): Promise<AdminMe> {
    const user = await this.users.findById(caller.userId);
    // The token check has just passed, so the account exists unless deleted in between.
    if (!user) throw new DomainError('Unauthenticated', 'Unauthenticated', 'No such account');
    return Object.assign(new AdminMe(), {
      UserGuid: user.guid,
      UserName: user.username,
      Roles: (user.roles ?? []).map((role) => role.name).sort(),
      // The permissions the guard decides with (as fresh as the token check), not a re-read.
      Permissions: [...caller.permissions].sort(),
    });
  }
}
