import { Injectable, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ERROR_FORMAT_KEY, ErrorFamily } from './error-format.decorator';

export type RouteHandler = (...args: unknown[]) => unknown;
export type RouteController = new (...args: never[]) => object;

/** One controller route as Nest declares it (one per path when a decorator lists several). */
export interface ControllerRoute {
  controller: RouteController;
  handlerName: string;
  handler: RouteHandler;
  /** `GET`, `POST`, ..., `ALL`. */
  method: string;
  /** Without a leading slash, Nest syntax: `v2/sessions/:id`. */
  path: string;
  /** The error format the route answers in (`@ErrorFormat`, else legacy). */
  family: ErrorFamily;
}

function pathsOf(target: object): string[] {
  const value = Reflect.getMetadata(PATH_METADATA, target) as unknown;
  if (value === undefined || value === null) return [''];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** `a/`, `/b/:id` → `a/b/:id`. */
function joinPath(base: string, path: string): string {
  return `${base}/${path}`.split('/').filter(Boolean).join('/');
}

/**
 * Every controller route of the running app, read once from Nest's metadata
 * (DiscoveryService + MetadataScanner). The wire layer's route table (404 vs
 * 405, error family) and the docs both start from this one list.
 */
@Injectable()
export class ControllerRoutes {
  private cached: ControllerRoute[] | null = null;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  /** In controller discovery order (module order, then method order). */
  all(): ControllerRoute[] {
    this.cached ??= this.discover();
    return this.cached;
  }

  private discover(): ControllerRoute[] {
    const routes: ControllerRoute[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as RouteController | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, RouteHandler>;
      for (const handlerName of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[handlerName];
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const family =
          this.reflector.getAllAndOverride<ErrorFamily | undefined>(ERROR_FORMAT_KEY, [
            handler,
            controller,
          ]) ?? 'legacy';
        for (const base of pathsOf(controller)) {
          for (const sub of pathsOf(handler)) {
            routes.push({
              controller,
              handlerName,
              handler,
              method: RequestMethod[method],
              path: joinPath(base, sub),
              family,
            });
          }
        }
      }
    }
    return routes;
  }
}
