import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { IncomingMessage } from 'node:http';
import { Privileges } from '@/users/privileges';
import { clientMetaOf } from '../client-ip/client-meta';
import { hasPermission, Principal } from '../principal';
import { IS_PUBLIC } from '@/platform/http/public.decorator';
import { REQUIRED_PERMISSIONS } from './auth.decorators';
import { AuthErrors } from '../auth-errors';

type AuthenticatedRequest = IncomingMessage & { user: Principal; route?: { path?: string } };

/**
 * The global guard: every route needs a live bearer token unless marked
 * @Public(), and the permissions its @RequirePermissions() names. A refusal
 * for a missing permission is audited (`access.denied`, the route attempted).
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly privileges: Privileges,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    await super.canActivate(context);
    const required = this.reflector.getAllAndOverride<string[]>(REQUIRED_PERMISSIONS, targets);
    if (required?.length) {
      const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
      const principal = request.user;
      if (!required.some((permission) => hasPermission(principal, permission))) {
        throw await this.privileges.refusal(
          { userId: principal.userId, ip: clientMetaOf(request).ip },
          // The route pattern, never the raw URL: a refusal must not store caller-chosen text.
          {
            attempted: `${request.method} ${request.route?.path ?? '?'}`,
            reason: 'PermissionDenied',
          },
        );
      }
    }
    return true;
  }

  override handleRequest<T>(error: unknown, principal: T): T {
    if (error || !principal) throw AuthErrors.unauthenticated();
    return principal;
  }
}
