/*
 * Sources compiled by openapi-tools.e2e.spec.ts next to the `schema.d.ts`
 * that openapi-typescript generates from /docs-json. Kept as text: the
 * project's own tsc cannot see the generated file.
 */

/** A small client typed only by the generated `paths` and `components`: v2 login, v2 session read, admin user list. */
export const TYPED_CLIENT = `
import type { components, paths } from './schema';

type Schemas = components['schemas'];
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The JSON body an operation answers with a status (never when the document does not say). */
type JsonAnswer<P extends keyof paths, M extends Method, S extends number> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

/** The JSON body an operation reads. */
type JsonBody<P extends keyof paths, M extends Method> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

class GatewayClient {
  private accessToken: string | null = null;

  constructor(private readonly baseUrl: string) {}

  async login(body: JsonBody<'/v2/sessions', 'post'>): Promise<JsonAnswer<'/v2/sessions', 'post', 201>> {
    const created = await this.call<JsonAnswer<'/v2/sessions', 'post', 201>>('POST', '/v2/sessions', 201, body);
    this.accessToken = created.accessToken;
    return created;
  }

  session(id: string): Promise<JsonAnswer<'/v2/sessions/{id}', 'get', 200>> {
    return this.call('GET', '/v2/sessions/' + encodeURIComponent(id), 200);
  }

  users(page: number): Promise<Schemas['AdminUserPage']> {
    return this.call('GET', '/api/admin/v1/users?page=' + page, 200);
  }

  private async call<T>(method: string, path: string, expected: number, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.accessToken) headers.Authorization = 'Bearer ' + this.accessToken;
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status !== expected)
      throw new Error(method + ' ' + path + ': ' + response.status + ' ' + (await response.text()));
    return (await response.json()) as T;
  }
}

async function main(): Promise<void> {
  const [baseUrl, loginName, password] = process.argv.slice(2);
  const client = new GatewayClient(baseUrl);
  const created = await client.login({
    checks: { user: { loginName }, password: { password } },
    lifetime: '600s',
  });
  const read = await client.session(created.sessionId ?? '');
  const page = await client.users(1);
  const summary: {
    sessionId: string | null;
    readId: string | null | undefined;
    loginName: string | null | undefined;
    userNames: Array<string | null>;
    totalCount: number;
  } = {
    sessionId: created.sessionId,
    readId: read.session?.id,
    loginName: read.session?.factors?.user?.loginName,
    userNames: (page.Items ?? []).map((user) => user.UserName),
    totalCount: page.TotalCount,
  };
  process.stdout.write(JSON.stringify(summary));
}

main().catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exit(1);
});
`;

/** Misuses the generated types: strict tsc must reject it, or the types are too loose to protect anyone. */
export const MISTYPED_CLIENT = `
import type { components } from './schema';

type Schemas = components['schemas'];

declare const logged: Schemas['UserLogged'];
/** UserLogged JSON carries no Token (only its XML form does). */
export const token: string = logged.Token;

/** loginName is a string. */
export const body: Schemas['CreateSessionRequest'] = { checks: { user: { loginName: 42 } } };
`;
