import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { REQUIRED_PERMISSIONS } from '@/auth/guards/auth.decorators';
import { IS_PUBLIC } from '@/platform/http/public.decorator';
import { ApiKeyGuard } from '@/auth/guards/api-key.guard';
import { OAuthClientGuard } from '@/auth/guards/oauth-client.guard';
import { ErrorFamily } from '@/wire';
import { ERROR_FORMAT_KEY } from '@/wire/http/error-format.decorator';
import { ThrottlerGuard } from '@nestjs/throttler';
import { DocumentedRoute } from './documented-route';
import {
  fixedContentTypeOf,
  guardsOf,
  httpCodeOf,
  isExcluded,
  joinPath,
  operationOf,
  pathsOf,
  requestMethodOf,
  successResponseOf,
  tagsOf,
  uriParametersOf,
  wireBodyOf,
} from './route-metadata';

type Handler = (...args: unknown[]) => unknown;

const isThrottle = (guard: unknown) =>
  typeof guard === 'function' && guard.prototype instanceof ThrottlerGuard;

/**
 * Every controller route of the running app with what the docs need: read
 * once from Nest's route metadata (DiscoveryService + MetadataScanner), the
 * wire layer's `@WireBody`/`@ErrorFormat` and the swagger decorators.
 */
@Injectable()
export class RouteCatalog {
  private cached: DocumentedRoute[] | null = null;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  /** Routes in controller discovery order (module order, then method order), excluded ones left out. */
  routes(): DocumentedRoute[] {
    this.cached ??= this.discover();
    return this.cached;
  }

  byOperationId(operationId: string): DocumentedRoute | undefined {
    return this.routes().find((route) => route.operationId === operationId);
  }

  private discover(): DocumentedRoute[] {
    const routes: DocumentedRoute[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, Handler>;
      for (const handlerName of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[handlerName];
        const method = requestMethodOf(handler);
        if (!method || isExcluded(controller, handler)) continue;
        for (const base of pathsOf(controller)) {
          for (const sub of pathsOf(handler)) {
            routes.push(
              this.describe(controller, handlerName, handler, method, joinPath(base, sub)),
            );
          }
        }
      }
    }
    return routes;
  }

  private describe(
    controller: new (...args: never[]) => object,
    handlerName: string,
    handler: Handler,
    method: string,
    path: string,
  ): DocumentedRoute {
    const targets = [handler, controller];
    const guards = guardsOf(controller, handler);
    return {
      operationId: `${controller.name}_${handlerName}`,
      controllerName: controller.name,
      handlerName,
      method,
      path,
      openApiPath: '/' + path.replace(/:(\w+)/g, '{$1}'),
      family:
        this.reflector.getAllAndOverride<ErrorFamily | undefined>(ERROR_FORMAT_KEY, targets) ??
        'legacy',
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
