import {
  RevokeSessionRequest,
  RevokeUserRequest,
  RevokeWhereRequest,
} from '@/admin/sessions/session.contract';
import { AddWebhookRequest } from '@/admin/webhooks/webhook.contract';
import {
  CreateUserRequest,
  ResetPasswordRequest,
  UpdateUserRequest,
} from '@/admin/users/user.contract';
import { CreateSessionRequest } from '@/v2/contracts/create-session.contract';
import { ListSessionsRequest } from '@/v2/contracts/list-sessions.contract';
import { DeleteSessionRequest, SetSessionRequest } from '@/v2/contracts/set-delete.contract';
import { ContractClass } from '@/wire';

/** A user GUID as `factors.user.id` and the admin API print it. */
const USER_GUID = '3f2b8c1e-6d4a-4f0e-9b7c-2a5d1e8f4c60';
const SESSION_TOKEN = 'the sessionToken POST /v2/sessions (or the last PATCH) answered';

/**
 * Request bodies of the v2 and admin routes as the OpenAPI document shows
 * them: values the service accepts (no 400 when pasted), unlike ASP.NET-style
 * samples ("sample string 1", a `lifetime` that is no duration). Legacy routes
 * keep their Help Page samples, which those routes accept as they are.
 * Tokens and ids in them are placeholders for the caller's own.
 */
export const REQUEST_EXAMPLES = new Map<ContractClass, Record<string, unknown>>([
  [
    CreateSessionRequest,
    {
      checks: { user: { loginName: 'admin' }, password: { password: 'the admin password' } },
      lifetime: '3600s',
    },
  ],
  [SetSessionRequest, { sessionToken: SESSION_TOKEN, lifetime: '3600s' }],
  [DeleteSessionRequest, { sessionToken: SESSION_TOKEN }],
  [
    ListSessionsRequest,
    {
      query: { offset: 0, limit: 100, asc: false },
      queries: [
        {
          creationDateQuery: {
            creationDate: '2026-01-01T00:00:00.000Z',
            method: 'TIMESTAMP_QUERY_METHOD_GREATER_OR_EQUALS',
          },
        },
      ],
    },
  ],
  [RevokeSessionRequest, { Session: 1 }],
  [RevokeUserRequest, { UserGuid: USER_GUID }],
  // A dry run: pasted as it is, it counts and changes nothing.
  [RevokeWhereRequest, { User: USER_GUID, Channel: 'v2', DryRun: true }],
  [AddWebhookRequest, { Url: 'https://hooks.example.com/session-gateway' }],
  [
    CreateUserRequest,
    {
      UserName: 'jdoe',
      Password: 'correct horse battery staple',
      Email: 'jdoe@example.com',
      FirstName: 'Jane',
      LastName: 'Doe',
      IsOperator: false,
      Roles: ['session-auditor'],
    },
  ],
  [UpdateUserRequest, { Email: 'jane.doe@example.com', Roles: ['session-auditor'] }],
  [ResetPasswordRequest, { NewPassword: 'another long passphrase' }],
]);
