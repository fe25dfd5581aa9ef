import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Privileges } from '@/users/privileges';
import { requestHeader, requestMethod, routePattern } from '@/wire/http/http-adapter';
import { clientMetaOf } from '../client-ip/client-meta';
import { hasPermission, Principal } from '../principal';
import { BearerVerifier } from '../tokens/bearer-verifier';
import { IS_PUBLIC } from '@/platform/http/public.decorator';
import { REQUIRED_PERMISSIONS } from './auth.decorators';
import { AuthErrors } from '../auth-errors';

/** What a route asks of its caller, read once per handler from its decorators. */
interface Requirement {
  public: boolean;
  permissions: readonly string[];
}

/**
 * The global guard: every route needs a live bearer token unless marked
 * @Public(), and the permissions its @RequirePermissions() names. A refusal
 * for a missing permission is audited (`access.denied`, the route attempted).
 * The principal is attached as `request.user`. A token whose session the
 * cache holds is accepted without awaiting anything.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly requirements = new WeakMap<object, Requirement>();

  constructor(
    private readonly reflector: Reflector,
    private readonly privileges: Privileges,
    private readonly bearer: BearerVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const requirement = this.requirementOf(context);
    if (requirement.public) return true;
    const request = context.switchToHttp().getRequest<{ user?: Principal }>();
    const principal = this.bearer.principalOf(requestHeader(request, 'authorization'));
    return principal instanceof Promise
      ? principal.then((settled) => this.admit(request, settled, requirement))
      : this.admit(request, principal, requirement);
  }

  private admit(
    request: { user?: Principal },
    principal: Principal | null,
    requirement: Requirement,
  ): true | Promise<true> {
    if (!principal) throw AuthErrors.unauthenticated();
    request.user = principal;
    const required = requirement.permissions;
    if (required.length === 0 || required.some((p) => hasPermission(principal, p))) return true;
    return this.refuse(request, principal);
  }

  private async refuse(request: unknown, principal: Principal): Promise<never> {
    throw await this.privileges.refusal(
      { userId: principal.userId, ip: clientMetaOf(request).ip },
      // The route pattern, never the raw URL: a refusal must not store caller-chosen text.
      {
        attempted: `${requestMethod(request)} ${routePattern(request) ?? '?'}`,
        reason: 'PermissionDenied',
      },
    );
  }

  private requirementOf(context: ExecutionContext): Requirement {
    const handler = context.getHandler();
    let requirement = this.requirements.get(handler);
    if (!requirement) {
      const targets = [handler, context.getClass()];
      requirement = {
        public: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
        permissions:
          this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_PERMISSIONS, targets) ??
          [],
      };
      this.requirements.set(handler, requirement);
    }
    return requirement;
  }
}
