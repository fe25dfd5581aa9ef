import { DocumentedRoute } from '@/docs/routes/documented-route';

/** ASP.NET `ApiDescription.RelativePath`: `api/Auth?IP={IP}`, `v2/sessions/{id}`. */
export function relativePathOf(route: DocumentedRoute): string {
  const path = route.path.replace(/:(\w+)/g, '{$1}');
  const query = route.uriParameters.filter((p) => p.in === 'query');
  return query.length === 0
    ? path
    : `${path}?${query.map((p) => `${p.name}={${p.name}}`).join('&')}`;
}

/** ASP.NET `GetFriendlyId()`: `POST api/Auth?IP={IP}` → `POST-api-Auth_IP`. */
export function friendlyIdOf(route: DocumentedRoute): string {
  const [path, query] = relativePathOf(route).split('?');
  let id = `${route.method}-${path.replace(/\//g, '-').replace(/[{}]/g, '')}`;
  if (query) {
    const keys = query.split('&').map((pair) => pair.split('=')[0]);
    id += '_' + keys.join('_').replace(/\./g, '-');
  }
  return id;
}
