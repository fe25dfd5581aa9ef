import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ControllerRoutes } from './controller-routes';
import { ErrorFamily } from './error-format.decorator';

interface Route {
  pattern: RegExp;
  /** Leading literal segments, lower-cased, to place unknown paths in a family. */
  literals: string[];
  method: string;
  family: ErrorFamily;
}

/** `api/:id/*` (joined, no empty segments) → a case-insensitive regular expression (Express routes are case-insensitive). */
function compile(path: string): RegExp {
  const source = ('/' + path)
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

  constructor(private readonly controllerRoutes: ControllerRoutes) {}

  onApplicationBootstrap(): void {
    this.routes = this.controllerRoutes.all().map(({ path, method, family }) => ({
      pattern: compile(path),
      literals: literalPrefix(path),
      method,
      family,
    }));
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
