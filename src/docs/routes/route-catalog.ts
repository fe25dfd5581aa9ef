import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { REQUIRED_PERMISSIONS } from '@/auth/guards/auth.decorators';
import { IS_PUBLIC } from '@/platform/http/public.decorator';
import { ApiKeyGuard } from '@/auth/guards/api-key.guard';
import { OAuthClientGuard } from '@/auth/guards/oauth-client.guard';
import { ControllerRoute, ControllerRoutes } from '@/wire/http/controller-routes';
import { ThrottlerGuard } from '@nestjs/throttler';
import { DocumentedRoute } from './documented-route';
import {
  fixedContentTypeOf,
  guardsOf,
  httpCodeOf,
  isExcluded,
  operationOf,
  successResponseOf,
  tagsOf,
  uriParametersOf,
  wireBodyOf,
} from './route-metadata';

const isThrottle = (guard: unknown) =>
  typeof guard === 'function' && guard.prototype instanceof ThrottlerGuard;

/**
 * Every documented controller route of the running app with what the docs
 * need: the wire layer's one discovery of the routes (`ControllerRoutes`,
 * also behind 404/405), plus `@WireBody` and the swagger decorators.
 */
@Injectable()
export class RouteCatalog {
  private cached: DocumentedRoute[] | null = null;

  constructor(
    private readonly controllerRoutes: ControllerRoutes,
    private readonly reflector: Reflector,
  ) {}

  /** Routes in controller discovery order (module order, then method order), excluded ones left out. */
  routes(): DocumentedRoute[] {
    this.cached ??= this.controllerRoutes
      .all()
      .filter((route) => !isExcluded(route.controller, route.handler))
      .map((route) => this.describe(route));
    return this.cached;
  }

  byOperationId(operationId: string): DocumentedRoute | undefined {
    return this.routes().find((route) => route.operationId === operationId);
  }

  private describe(route: ControllerRoute): DocumentedRoute {
    const { controller, handlerName, handler, method, path, family } = route;
    const targets = [handler, controller];
    const guards = guardsOf(controller, handler);
    return {
      operationId: `${controller.name}_${handlerName}`,
      controllerName: controller.name,
      handlerName,
      method,
      path,
      openApiPath: '/' + path.replace(/:(\w+)/g, '{$1}'),
      family,
      isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
      throttled: guards.some(isThrottle),
      apiKey: guards.includes(ApiKeyGuard) || guards.includes(OAuthClientGuard),
      permissions:
        this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_PERMISSIONS, targets) ?? [],
      body: wireBodyOf(controller, handlerName),
      response: successResponseOf(handler),
      successStatus: httpCodeOf(handler, method),
      contentType: fixedContentTypeOf(handler),
      ...operationOf(handler),
      tags: tagsOf(controller, handler),
      uriParameters: uriParametersOf(controller, handlerName, handler),
    };
  }
}
