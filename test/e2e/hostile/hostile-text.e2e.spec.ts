import { randomUUID } from 'node:crypto';
import { RouteCatalog } from '@/docs/routes/route-catalog';
import { ContractPlan, contractRegistry, TypePlan } from '@/wire/datacontract/registry';
import { ARRAYS_NS } from '@/wire/datacontract/wire-types';
import { DbFingerprint } from '@test/support/db-fingerprint';
import {
  ErrorFamily,
  expectErrorBody,
  HOSTILE_TIME_BOUND_MS,
  HostileOutcome,
  sendHostile,
} from '@test/support/hostile';
import { basicAuth, TEST_PASSWORD } from '@test/support/test-app';
import {
  authHeaders,
  BODY_ROUTES,
  BodyRoute,
  createHostileWorld,
  HostileWorld,
} from './hostile-routes';

/**
 * Hostile text (SPEC 6, issue 9 item 5) in every text member of every contract
 * a route reads from its body, generated from the contract registry: a new
 * member, or a new route, is attacked without a new test. Each member gets a
 * NUL and a lone surrogate, in JSON (`\u0000`, `\ud800`), XML (`&#0;`,
 * `&#xD800;`, which DataContractSerializer reads) and a form (`%00`; a lone
 * surrogate has no UTF-8 form, `%ED%A0%80` is invalid UTF-8). The text is the
 * victim's own username plus the character, so a lookup that dropped the
 * character would find the victim. Never a 500: a lookup finds nobody, a login
 * is the usual 401 (audited, escaped), a value to be stored is a 400 in the
 * caller's format.
 */

const NUL = '\u0000';
const SURROGATE = '\uD800';
type Hostile = typeof NUL | typeof SURROGATE;
const HOSTILE: Array<[string, Hostile]> = [
  ['NUL', NUL],
  ['lone surrogate', SURROGATE],
];
/** A login answers after one argon2 verification, whatever the text. */
const LOGIN_TIME_BOUND_MS = 3000;
const WRONG_PASSWORD = 'not the password at all';

type Json = Record<string, unknown>;

/** What a route reads besides the attacked member: enough to get past the checks before the member is used, never enough to succeed. */
const BASELINES: Record<string, (world: HostileWorld) => Json> = {
  'POST /Auth/Login': (world) => ({ UserName: world.victim.username, Password: WRONG_PASSWORD }),
  'POST /api/Auth': () => ({
    id: randomUUID(),
    deleted: false,
    state_id: 1,
    first_name: 'Ana',
    last_name: 'López',
    email: 'ana@example.test',
    phone: '555 0100',
    web_popup_ids: '1,2',
  }),
  // Nobody has this name: a member the route ignores must not end anyone's sessions.
  'POST /api/kill-session': () => ({ Username: 'nobody-has-this-name' }),
  'POST admin users': () => ({
    UserName: `new-${randomUUID().slice(0, 8)}`,
    Password: TEST_PASSWORD,
    Email: 'new@example.test',
    FirstName: 'New',
    LastName: 'User',
    Roles: ['session-auditor'],
  }),
  'PUT admin users/{guid}': () => ({
    Email: 'changed@example.test',
    FirstName: 'Changed',
    LastName: 'Name',
    Roles: ['session-auditor'],
  }),
  'POST /v2/sessions': (world) => ({
    checks: {
      user: { loginName: world.victim.username },
      password: { password: WRONG_PASSWORD },
    },
  }),
  'POST /v2/sessions/search': () => ({ query: { offset: 0, limit: 10 } }),
  // The victim's live token: only the attacked member stands between it and a rotation.
  'PATCH /v2/sessions/{id}': (world) => ({ sessionToken: world.victimV2.sessionToken }),
};

type Change = 'none' | 'audited';
interface Expected {
  status: number;
  /** Admin/v2 error id. */
  code?: string;
  /** `none`: the DB fingerprint is unchanged; `audited`: one `login.failed`, the text escaped. */
  change: Change;
  /** A 200's exact body. */
  body?: Json;
}

const refused = (status: number, code?: string): Expected => ({ status, code, change: 'none' });
const loginFailed: Expected = { status: 401, code: 'InvalidCredentials', change: 'audited' };
const userNotFound: Expected = {
  status: 200,
  change: 'none',
  body: { Success: false, Message: 'User not found.', Data: 0 },
};

/**
 * The outcome per route: `default` for every member, including members added
 * later; `members` where one member means something else.
 */
const EXPECTED: Record<string, { default: Expected; members?: Record<string, Expected> }> = {
  'POST /Auth/Login': { default: loginFailed },
  'POST /Auth/Refresh': { default: refused(401) },
  'POST /api/Auth': { default: refused(400) },
  'POST /api/kill-session': { default: userNotFound },
  // RevokeSessionRequest has no text member today; a new one would be refused like its other bad input.
  'POST admin revoke': { default: refused(400) },
  'POST admin revoke-user': { default: refused(400, 'InvalidGuid') },
  'POST admin users': {
    default: refused(400),
    members: {
      UserName: refused(400, 'InvalidUsername'),
      Password: refused(400, 'InvalidPassword'),
      Email: refused(400, 'InvalidEmail'),
      FirstName: refused(400, 'InvalidName'),
      LastName: refused(400, 'InvalidName'),
      'Roles[0]': refused(400, 'UnknownRole'),
    },
  },
  'PUT admin users/{guid}': {
    default: refused(400),
    members: {
      UserName: refused(400, 'InvalidUsername'),
      Email: refused(400, 'InvalidEmail'),
      FirstName: refused(400, 'InvalidName'),
      LastName: refused(400, 'InvalidName'),
      'Roles[0]': refused(400, 'UnknownRole'),
    },
  },
  'POST admin users/{guid}/reset-password': { default: refused(400, 'InvalidPassword') },
  // No text member: only the whole-body cases (wrong types, broken encodings) reach it.
  'PUT admin roles/{role}/session-limit': { default: refused(400, 'InvalidSessionLimit') },
  // Hostile text in a filter is refused before anything is matched, let alone ended.
  'POST admin revoke-where': { default: refused(400) },
  'POST admin webhooks': { default: refused(400) },
  // No text member: only the whole-body cases reach these.
  'POST admin webhooks/disable': { default: refused(400) },
  'POST admin webhooks/deliveries/redeliver': { default: refused(400) },
  'POST /v2/sessions': {
    default: loginFailed,
    members: { lifetime: refused(400) },
  },
  'POST /v2/sessions/search': {
    default: { status: 200, change: 'none', body: undefined },
    members: {
      'queries[0].creationDateQuery.method': refused(400),
      'queries[0].expirationDateQuery.method': refused(400),
    },
  },
  'PATCH /v2/sessions/{id}': {
    default: refused(400),
    members: {
      sessionToken: refused(403),
      'checks.password.password': { ...loginFailed, code: undefined },
    },
  },
  'DELETE /v2/sessions/{id}': { default: refused(403) },
};

/** One text member: where it sits in the body (JSON names, list items at index 0). */
interface TextMember {
  label: string;
  path: Array<string | number>;
}

/** Every writable string member of a contract, nested contracts and lists included. */
function textMembers(
  plan: ContractPlan,
  prefix: Array<string | number> = [],
  depth = 0,
): TextMember[] {
  if (depth > 5) return [];
  const members: TextMember[] = [];
  const visit = (type: TypePlan, path: Array<string | number>) => {
    if (type.kind === 'string') members.push({ label: labelOf(path), path });
    else if (type.kind === 'contract') members.push(...textMembers(type.contract, path, depth + 1));
    else if (type.kind === 'list') visit(type.item, [...path, 0]);
  };
  for (const member of plan.jsonMembers) {
    if (!member.readOnly && member.inXml) visit(member.type, [...prefix, member.jsonName]);
  }
  return members;
}

function labelOf(path: Array<string | number>): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i ? `.${part}` : part))
    .join('');
}

function withValue(base: Json, path: Array<string | number>, value: string): Json {
  const copy = structuredClone(base) as Json;
  let node: Record<string | number, unknown> = copy;
  path.forEach((part, i) => {
    if (i === path.length - 1) return void (node[part] = value);
    const next = path[i + 1];
    if (node[part] === undefined || node[part] === null)
      node[part] = typeof next === 'number' ? [] : {};
    node = node[part] as Record<string | number, unknown>;
  });
  return copy;
}

function xmlText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replaceAll(NUL, '&#0;')
    .replace(/[\uD800-\uDFFF]/g, (unit) => `&#x${unit.charCodeAt(0).toString(16).toUpperCase()};`);
}

/** DataContract XML of `value`, members in the plan's XML order, nested namespaces declared where they change. */
function toXml(plan: ContractPlan, value: Json, name = plan.name, parentNs = ''): string {
  const ns = plan.namespace;
  const open = ns === parentNs ? `<${name}>` : `<${name} xmlns="${ns}">`;
  let inner = '';
  for (const member of plan.xmlMembers) {
    const item = value[member.jsonName];
    if (item === undefined || item === null) continue;
    inner += memberXml(member.type, member.xmlName, item, ns);
  }
  return `${open}${inner}</${name}>`;
}

function memberXml(type: TypePlan, name: string, value: unknown, ns: string): string {
  if (type.kind === 'contract') {
    const child = toXml(type.contract, value as Json, name, ns);
    // The member element is in the parent's namespace, its members in the child's.
    return type.contract.namespace === ns
      ? child
      : child.replace(` xmlns="${type.contract.namespace}"`, '');
  }
  if (type.kind === 'list') {
    const items = (value as unknown[])
      .map((item) =>
        type.item.kind === 'contract'
          ? toXml(type.item.contract, item as Json, type.itemXmlName, ns)
          : `<${type.itemXmlName} xmlns="${ARRAYS_NS}">${xmlText(String(item))}</${type.itemXmlName}>`,
      )
      .join('');
    return `<${name}>${items}</${name}>`;
  }
  return `<${name}>${xmlText(String(value))}</${name}>`;
}

function formValue(text: string): string {
  // encodeURIComponent throws on a lone surrogate; CESU-8 bytes are what a careless encoder sends.
  return text
    .split(SURROGATE)
    .map((part) => encodeURIComponent(part))
    .join('%ED%A0%80');
}

function toForm(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => toForm(item, `${prefix}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      toForm(item, prefix ? `${prefix}.${key}` : key),
    );
  }
  return [`${prefix}=${formValue(String(value))}`];
}

interface TextCase {
  route: BodyRoute;
  plan: ContractPlan;
  member: TextMember;
  hostileName: string;
  hostile: Hostile;
  format: 'json' | 'xml' | 'form';
}

/** The contract each body route reads, from the registry (by its XML root name and namespace). */
function contractOf(route: BodyRoute): ContractPlan {
  const cls = contractRegistry.classByQualifiedName(route.root[1], route.root[0]);
  if (!cls) throw new Error(`${route.name}: no contract ${route.root[0]} in ${route.root[1]}`);
  return contractRegistry.plan(cls);
}

function generateCases(): TextCase[] {
  return BODY_ROUTES.flatMap((route) => {
    const plan = contractOf(route);
    return textMembers(plan).flatMap((member) =>
      HOSTILE.flatMap(([hostileName, hostile]) =>
        (['json', 'xml', 'form'] as const).map((format) => ({
          route,
          plan,
          member,
          hostileName,
          hostile,
          format,
        })),
      ),
    );
  });
}

function expectedOf(c: TextCase): Expected {
  const table = EXPECTED[c.route.name];
  if (!table) throw new Error(`${c.route.name}: add its expected outcome to EXPECTED`);
  // A form cannot carry a lone surrogate: its UTF-8 is invalid, the reader's 400.
  if (c.format === 'form' && c.hostile === SURROGATE) return refused(400, 'InvalidRequest');
  return table.members?.[c.member.label] ?? table.default;
}

const CONTENT_TYPES = {
  json: 'application/json',
  xml: 'application/xml',
  form: 'application/x-www-form-urlencoded',
};

function bodyOf(c: TextCase, world: HostileWorld): string {
  const base = BASELINES[c.route.name]?.(world) ?? {};
  const value = withValue(base, c.member.path, `${world.victim.username}${c.hostile}`);
  if (c.format === 'json') return JSON.stringify(value);
  if (c.format === 'xml') return toXml(c.plan, value);
  return toForm(value).join('&');
}

/** A failed login is audited and counts towards the named account's lockout: those may move. */
const MOVED_BY_A_FAILED_LOGIN: Array<keyof DbFingerprint> = [
  'auditEvents',
  'auditMaxId',
  'usersFailedLogins',
  'usersUpdatedAt',
];

function withoutAudit(fingerprint: DbFingerprint): Partial<DbFingerprint> {
  const rest: Partial<DbFingerprint> = { ...fingerprint };
  for (const key of MOVED_BY_A_FAILED_LOGIN) delete rest[key];
  return rest;
}

async function expectOutcome(
  world: HostileWorld,
  outcome: HostileOutcome,
  family: ErrorFamily,
  expected: Expected,
): Promise<void> {
  const { response } = outcome;
  if (response.status !== expected.status) {
    throw new Error(
      `expected ${expected.status}, got ${response.status}: ${response.text.slice(0, 300)}`,
    );
  }
  if (expected.status >= 400)
    expectErrorBody(family, expected.status, response.text, expected.code);
  else if (expected.body) expect(JSON.parse(response.text)).toEqual(expected.body);
  expect(outcome.healthStatus).toBe(200);
  if (expected.change === 'none') {
    expect(response.elapsedMs).toBeLessThan(HOSTILE_TIME_BOUND_MS);
    expect(outcome.after).toEqual(outcome.before);
    return;
  }
  expect(response.elapsedMs).toBeLessThan(LOGIN_TIME_BOUND_MS);
  expect(withoutAudit(outcome.after)).toEqual(withoutAudit(outcome.before));
  expect(outcome.after.auditEvents).toBe(outcome.before.auditEvents + 1);
  const [event]: Array<{ action: string; details: Record<string, unknown> }> =
    await world.testApp.database.dataSource.query(
      `SELECT action, details FROM audit_events ORDER BY id DESC LIMIT 1`,
    );
  expect(event.action).toBe('login.failed');
  // Escaped as \uXXXX, never silently replaced by U+FFFD.
  expect(JSON.stringify(event.details)).not.toContain('\uFFFD');
}

describe('hostile text in every text member of every body contract (generated from the registry)', () => {
  let world: HostileWorld;
  const cases = generateCases();

  beforeAll(async () => {
    world = await createHostileWorld();
  });
  afterAll(() => world.testApp.close());

  it('covers every route that reads a body, and every such route has an expected outcome', () => {
    const catalog = world.testApp.app.get(RouteCatalog).routes();
    const bodyRoutes = catalog.filter((route) => route.body !== null);
    expect(bodyRoutes.length).toBeGreaterThan(0);
    for (const route of bodyRoutes) {
      const pattern = new RegExp(`^/${route.path.replace(/:\w+/g, '[^/]+')}(\\?.*)?$`, 'i');
      const covered = BODY_ROUTES.find(
        (candidate) =>
          candidate.method.toUpperCase() === route.method && pattern.test(candidate.path(world)),
      );
      if (!covered)
        throw new Error(`${route.method} /${route.path} reads a body: add it to BODY_ROUTES`);
      expect(contractOf(covered).cls).toBe(route.body!.contract);
      expect(EXPECTED[covered.name]).toBeDefined();
    }
    // Reported in the closing note: cases per database.
    process.stdout.write(`hostile text: ${cases.length} generated body cases\n`);
  });

  it.each(
    cases.map((c) => ({
      ...c,
      name: `${c.route.name} ${c.member.label}: ${c.hostileName} in ${c.format}`,
    })),
  )('$name', async (c) => {
    const expected = expectedOf(c);
    const outcome = await sendHostile(world.testApp, {
      method: c.route.method,
      path: c.route.path(world),
      headers: { ...authHeaders(c.route, world), 'Content-Type': CONTENT_TYPES[c.format] },
      body: bodyOf(c, world),
    });
    // DataContractSerializer reads `&#0;`, but an XML 1.0 reader may refuse it: the reader's 400 is fine too.
    if (c.format === 'xml' && c.hostile === NUL && outcome.response.status === 400) {
      const wireRefusal = refused(400, c.route.family === 'legacy' ? undefined : 'InvalidRequest');
      return expectOutcome(world, outcome, c.route.family, wireRefusal);
    }
    await expectOutcome(world, outcome, c.route.family, expected);
  });

  it.each(BODY_ROUTES)('$name: an odd-length body after a UTF-16BE BOM is a 400', async (route) => {
    const outcome = await sendHostile(world.testApp, {
      method: route.method,
      path: route.path(world),
      headers: { ...authHeaders(route, world), 'Content-Type': 'application/json' },
      body: Buffer.concat([
        Buffer.from([0xfe, 0xff]),
        Buffer.from('\u0000{\u0000}\u0000', 'latin1'),
      ]),
    });
    await expectOutcome(world, outcome, route.family, refused(400, 'InvalidRequest'));
  });

  it('%00 in every URI parameter of every GET route (from the route catalog) is never a 500', async () => {
    const routes = world.testApp.app
      .get(RouteCatalog)
      .routes()
      .filter((route) => route.method === 'GET' && route.uriParameters.length > 0);
    expect(routes.length).toBeGreaterThan(0);
    let sent = 0;
    for (const route of routes) {
      for (const attacked of route.uriParameters) {
        const path = route.path.replace(/:(\w+)/g, (_, name: string) =>
          name === attacked.name && attacked.in === 'path' ? 'x%00' : 'x',
        );
        const query = attacked.in === 'query' ? `?${attacked.name}=%00` : '';
        const outcome = await sendHostile(world.testApp, {
          method: 'GET',
          path: `/${path}${query}`,
          headers: { Authorization: world.adminBearer },
        });
        const label = `GET /${route.path} ${attacked.in} ${attacked.name}`;
        expect({ label, status: outcome.response.status < 500 }).toEqual({ label, status: true });
        if (outcome.response.status >= 400 && route.family !== 'legacy') {
          expectErrorBody(route.family, outcome.response.status, outcome.response.text);
        }
        expect(outcome.healthStatus).toBe(200);
        expect(outcome.after).toEqual(outcome.before);
        sent++;
      }
    }
    process.stdout.write(`hostile text: ${sent} URI parameter cases\n`);
  });

  describe('text in query strings and headers', () => {
    it.each(['%00', '%ED%A0%80', 'a%00b'])(
      'admin users ?search=%s finds nobody',
      async (search) => {
        const outcome = await sendHostile(world.testApp, {
          method: 'GET',
          path: `/api/admin/v1/users?search=${search}`,
          headers: { Authorization: world.adminBearer },
        });
        await expectOutcome(world, outcome, 'admin', { status: 200, change: 'none' });
        expect(JSON.parse(outcome.response.text)).toMatchObject({ TotalCount: 0, Items: [] });
      },
    );

    it.each(['%00', '%ED%A0%80'])(
      'admin authenticated-sessions ?search=%s finds nobody',
      async (search) => {
        const outcome = await sendHostile(world.testApp, {
          method: 'GET',
          path: `/api/admin/v1/authenticated-sessions/list?search=${search}`,
          headers: { Authorization: world.adminBearer },
        });
        await expectOutcome(world, outcome, 'admin', { status: 200, change: 'none' });
        expect(JSON.parse(outcome.response.text)).toMatchObject({ TotalCount: 0 });
      },
    );

    it.each(['%00', '203.0.113.7%00', 'not-an-ip'])(
      'api/Auth ?IP=%s is a 400 naming IP',
      async (ip) => {
        const outcome = await sendHostile(world.testApp, {
          method: 'POST',
          path: `/api/Auth?IP=${ip}`,
          headers: {
            'X-Api-Key': authHeaders(
              BODY_ROUTES.find((r) => r.auth === 'apiKey')!,
              world,
            )['X-Api-Key'],
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({ id: randomUUID(), deleted: false, state_id: 1 }),
        });
        await expectOutcome(world, outcome, 'legacy', refused(400));
        expect(Object.keys(JSON.parse(outcome.response.text).ModelState)).toEqual(['IP']);
      },
    );

    it('Basic credentials naming the victim plus NUL are the usual 401, audited with the text escaped', async () => {
      const outcome = await sendHostile(world.testApp, {
        method: 'POST',
        path: '/Auth/Login',
        headers: { Authorization: basicAuth(`${world.victim.username}${NUL}`, TEST_PASSWORD) },
      });
      await expectOutcome(world, outcome, 'legacy', loginFailed);
      const [event] = await world.testApp.database.dataSource.query(
        `SELECT details FROM audit_events ORDER BY id DESC LIMIT 1`,
      );
      expect(event.details).toMatchObject({
        reason: 'unknown_user',
        username: `${world.victim.username}\\u0000`,
      });
    });
  });

  it('the victim still logs in afterwards (no lockout, nothing renamed)', async () => {
    const outcome = await sendHostile(world.testApp, {
      method: 'POST',
      path: '/Auth/Login',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ UserName: world.victim.username, Password: TEST_PASSWORD }),
    });
    expect(outcome.response.status).toBe(200);
  });
});
