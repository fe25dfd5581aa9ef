import { UserEntity } from '@/users/entities/user.entity';
import { ErrorFamily } from '@test/support/hostile';
import { bearer, loginLegacy } from '@test/support/http';
import {
  createTestApp,
  createUserWithPassword,
  TestApp,
  TEST_API_KEY,
} from '@test/support/test-app';
import { createV2Session, CreatedSession } from '@test/e2e/v2/v2-helpers';

const DC = 'http://schemas.datacontract.org/2004/07/';
export const NS = {
  auth: `${DC}SessionGateway.Auth`,
  admin: `${DC}SessionGateway.Admin`,
  v2: `${DC}SessionGateway.V2`,
  legacyModel: `${DC}Model.Dto`,
  swagger: `${DC}IO.Swagger.Models`,
};

/**
 * The world every hostile case runs against: an admin with a live legacy
 * session (the bearer of authenticated routes), and a victim user with live
 * legacy and v2 sessions that the routes under attack point at, so a request
 * that slipped through would visibly change the database.
 */
export interface HostileWorld {
  testApp: TestApp;
  admin: UserEntity;
  adminBearer: string;
  adminSessionId: number;
  adminRefreshToken: string;
  victim: UserEntity;
  victimSessionId: number;
  victimV2: CreatedSession;
}

export async function createHostileWorld(): Promise<HostileWorld> {
  // A high lockout threshold and rate limit: the suites send many bad logins on purpose.
  const testApp = await createTestApp({ LOCKOUT_THRESHOLD: '1000' });
  const admin = await createUserWithPassword(testApp, { roles: ['admin'] });
  const adminLogin = await loginLegacy(testApp, admin.username);
  const victim = await createUserWithPassword(testApp);
  const victimLogin = await loginLegacy(testApp, victim.username);
  const victimV2 = await createV2Session(testApp, victim.username);
  return {
    testApp,
    admin,
    adminBearer: bearer(adminLogin.accessToken),
    adminSessionId: adminLogin.sessionId,
    adminRefreshToken: adminLogin.refreshToken,
    victim,
    victimSessionId: victimLogin.sessionId,
    victimV2,
  };
}

export interface BodyRoute {
  name: string;
  method: 'post' | 'put' | 'patch' | 'delete';
  path(world: HostileWorld): string;
  family: ErrorFamily;
  auth: 'bearer' | 'apiKey' | 'none';
  /** The XML root element and namespace of the route's body contract. */
  root: [string, string];
  /** A well-formed JSON body whose members have impossible types. */
  wrongTypes: string;
}

/** Every route that reads a request body. */
export const BODY_ROUTES: BodyRoute[] = [
  {
    name: 'POST /Auth/Login',
    method: 'post',
    path: () => '/Auth/Login',
    family: 'legacy',
    auth: 'none',
    root: ['LoginRequest', NS.auth],
    wrongTypes: '{"UserName":{"a":1},"Password":[1,2]}',
  },
  {
    name: 'POST /Auth/Refresh',
    method: 'post',
    path: () => '/Auth/Refresh',
    family: 'legacy',
    auth: 'none',
    root: ['RefreshRequest', NS.auth],
    wrongTypes: '{"RefreshToken":{"$gt":""}}',
  },
  {
    name: 'POST /api/Auth',
    method: 'post',
    path: () => '/api/Auth?IP=203.0.113.7',
    family: 'legacy',
    auth: 'apiKey',
    root: ['UserInfo', NS.swagger],
    wrongTypes: '{"id":12,"deleted":"perhaps","state_id":"one","is_admin":"yes"}',
  },
  {
    name: 'POST /api/kill-session',
    method: 'post',
    path: () => '/api/kill-session',
    family: 'legacy',
    auth: 'bearer',
    root: ['UsuarioDto', NS.legacyModel],
    wrongTypes: '{"Id":"one","IdUser":[2],"Username":{"a":1}}',
  },
  {
    name: 'POST admin revoke',
    method: 'post',
    path: () => '/api/admin/v1/authenticated-sessions/revoke',
    family: 'admin',
    auth: 'bearer',
    root: ['RevokeSessionRequest', NS.admin],
    wrongTypes: '{"Session":"1 OR 1=1"}',
  },
  {
    name: 'POST admin revoke-user',
    method: 'post',
    path: () => '/api/admin/v1/authenticated-sessions/revoke-user',
    family: 'admin',
    auth: 'bearer',
    root: ['RevokeUserRequest', NS.admin],
    wrongTypes: '{"UserGuid":{"a":1}}',
  },
  {
    name: 'POST admin users',
    method: 'post',
    path: () => '/api/admin/v1/users',
    family: 'admin',
    auth: 'bearer',
    root: ['CreateUserRequest', NS.admin],
    wrongTypes: '{"UserName":["x"],"Password":{"a":1},"IsOperator":"maybe","Roles":"admin"}',
  },
  {
    name: 'PUT admin users/{guid}',
    method: 'put',
    path: (world) => `/api/admin/v1/users/${world.victim.guid}`,
    family: 'admin',
    auth: 'bearer',
    root: ['UpdateUserRequest', NS.admin],
    wrongTypes: '{"Email":{"a":1},"IsOperator":"maybe","Roles":{"admin":true}}',
  },
  {
    name: 'POST admin users/{guid}/reset-password',
    method: 'post',
    path: (world) => `/api/admin/v1/users/${world.victim.guid}/reset-password`,
    family: 'admin',
    auth: 'bearer',
    root: ['ResetPasswordRequest', NS.admin],
    wrongTypes: '{"NewPassword":{"a":"correct horse battery"}}',
  },
  {
    name: 'POST admin revoke-where',
    method: 'post',
    path: () => '/api/admin/v1/authenticated-sessions/revoke-where',
    family: 'admin',
    auth: 'bearer',
    root: ['RevokeWhereRequest', NS.admin],
    wrongTypes: '{"DryRun":{"a":1}}',
  },
  {
    name: 'POST admin webhooks',
    method: 'post',
    path: () => '/api/admin/v1/webhooks',
    family: 'admin',
    auth: 'bearer',
    root: ['AddWebhookRequest', NS.admin],
    wrongTypes: '{"Url":{"a":1}}',
  },
  {
    name: 'POST admin webhooks/disable',
    method: 'post',
    path: () => '/api/admin/v1/webhooks/disable',
    family: 'admin',
    auth: 'bearer',
    root: ['DisableWebhookRequest', NS.admin],
    wrongTypes: '{"Id":"one"}',
  },
  {
    name: 'POST admin webhooks/deliveries/redeliver',
    method: 'post',
    path: () => '/api/admin/v1/webhooks/deliveries/redeliver',
    family: 'admin',
    auth: 'bearer',
    root: ['RedeliverRequest', NS.admin],
    wrongTypes: '{"Delivery":"one"}',
  },
  {
    name: 'PUT admin roles/{role}/session-limit',
    method: 'put',
    path: () => '/api/admin/v1/roles/session-auditor/session-limit',
    family: 'admin',
    auth: 'bearer',
    root: ['SetRoleSessionLimitRequest', NS.admin],
    wrongTypes: '{"MaxSessions":"many"}',
  },
  {
    name: 'POST /v2/sessions',
    method: 'post',
    path: () => '/v2/sessions',
    family: 'v2',
    auth: 'none',
    root: ['CreateSessionRequest', NS.v2],
    wrongTypes: '{"checks":{"user":{"loginName":["x"]},"password":{"password":7}},"lifetime":5}',
  },
  {
    name: 'POST /v2/sessions/search',
    method: 'post',
    path: () => '/v2/sessions/search',
    family: 'v2',
    auth: 'bearer',
    root: ['ListSessionsRequest', NS.v2],
    wrongTypes: '{"query":{"offset":"ten","limit":{"a":1}},"queries":"all"}',
  },
  {
    name: 'PATCH /v2/sessions/{id}',
    method: 'patch',
    path: (world) => `/v2/sessions/${world.victimV2.sessionId}`,
    family: 'v2',
    auth: 'none',
    root: ['SetSessionRequest', NS.v2],
    wrongTypes: '{"sessionToken":{"a":1},"checks":[1]}',
  },
  {
    name: 'DELETE /v2/sessions/{id}',
    method: 'delete',
    path: (world) => `/v2/sessions/${world.victimV2.sessionId}`,
    family: 'v2',
    auth: 'bearer',
    root: ['DeleteSessionRequest', NS.v2],
    wrongTypes: '{"sessionToken":[1,2,3]}',
  },
];

/** The credentials a route needs, so that its body (not its guard) is what gets refused. */
export function authHeaders(route: BodyRoute, world: HostileWorld): Record<string, string> {
  if (route.auth === 'bearer') return { Authorization: world.adminBearer };
  if (route.auth === 'apiKey') return { 'X-Api-Key': TEST_API_KEY };
  return {};
}
