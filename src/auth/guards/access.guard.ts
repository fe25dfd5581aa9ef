import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '@/common/errors/domain-error';
import { hasPermission, Principal } from '../principal';
import { IS_PUBLIC, REQUIRED_PERMISSIONS } from './auth.decorators';

export const DENIED_MESSAGE = 'Authorization has been denied for this request.';

/**
 * The global guard: every route needs a live bearer token unless marked
 * @Public(), and the permissions its @RequirePermissions() names.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    await super.canActivate(context);
    const required = this.reflector.getAllAndOverride<string[]>(REQUIRED_PERMISSIONS, targets);
    if (required?.length) {
      const principal = context.switchToHttp().getRequest<{ user: Principal }>().user;
      if (!required.some((permission) => hasPermission(principal, permission))) {
        throw new DomainError(
          'PermissionDenied',
          'PermissionDenied',
          'The caller lacks the permission this action needs.',
        );
      }
    }
    return true;
  }

  override handleRequest<T>(error: unknown, principal: T): T {
    if (error || !principal)
      throw new DomainError('Unauthenticated', 'Unauthenticated', DENIED_MESSAGE);
    return principal;
  }
}
