import { Injectable, OnApplicationBootstrap, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ERROR_FORMAT_KEY, ErrorFamily } from './error-format.decorator';

interface Route {
  pattern: RegExp;
  /** Leading literal segments, lower-cased, to place unknown paths in a family. */
  literals: string[];
  method: string;
  family: ErrorFamily;
}

function toArray(value: unknown): string[] {
  if (value === undefined || value === null) return [''];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** `/api/:id/*` → a case-insensitive regular expression (Express routes are case-insensitive). */
function compile(path: string): RegExp {
  const normalised = ('/' + path).replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
  const source = normalised
    .split('/')
    .map((segment) =>
      segment.startsWith(':')
        ? '[^/]+'
        : segment.includes('*')
          ? segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*\w*/g, '.*')
          : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}/?$`, 'i');
}

function literalPrefix(path: string): string[] {
  const literals: string[] = [];
  for (const segment of path.toLowerCase().split('/')) {
    if (segment === '') continue;
    if (segment.startsWith(':') || segment.includes('*')) break;
    literals.push(segment);
  }
  return literals;
}

/**
 * Every controller route, known after bootstrap, so an unmatched request can
 * tell 404 (no such path) from 405 (the path exists for other methods), and
 * which error family the path belongs to.
 */
@Injectable()
export class RouteTable implements OnApplicationBootstrap {
  private routes: Route[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const routes: Route[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as (new () => object) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as (...args: unknown[]) => unknown;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const family =
          this.reflector.getAllAndOverride<ErrorFamily | undefined>(ERROR_FORMAT_KEY, [
            handler,
            controller,
          ]) ?? 'legacy';
        for (const base of toArray(Reflect.getMetadata(PATH_METADATA, controller))) {
          for (const path of toArray(Reflect.getMetadata(PATH_METADATA, handler))) {
            const full = `${base}/${path}`;
            routes.push({
              pattern: compile(full),
              literals: literalPrefix(full),
              method: RequestMethod[method],
              family,
            });
          }
        }
      }
    }
    this.routes = routes;
  }

  /** Methods that serve this path (empty: no such path). */
  allowedMethods(path: string): string[] {
    const methods = new Set<string>();
    for (const route of this.routes) if (route.pattern.test(path)) methods.add(route.method);
    if (methods.has('ALL')) return [];
    return [...methods];
  }

  /** The family of the route serving the path, else of the routes sharing most of its leading segments. */
  familyOf(path: string): ErrorFamily {
    const exact = this.routes.find((route) => route.pattern.test(path));
    if (exact) return exact.family;
    const segments = literalPrefix(path);
    let best: Route | undefined;
    let bestLength = 0;
    for (const route of this.routes) {
      let shared = 0;
      while (shared < route.literals.length && route.literals[shared] === segments[shared])
        shared++;
      if (shared > bestLength) [best, bestLength] = [route, shared];
    }
    return best?.family ?? 'legacy';
  }
}
