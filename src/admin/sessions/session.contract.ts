import { pagedListContract } from '@/admin/common/page.contract';
import { GatewayNamespaces } from '@/wire/datacontract/gateway-namespaces';
import { t, WireContract, WireMember } from '@/wire';

const NS = GatewayNamespaces.admin;

/** Seed 002 `list` row: a user holding active sessions. */
@WireContract({ name: 'ActiveSessionUser', namespace: NS })
export class ActiveSessionUser {
  @WireMember({ type: t.guid() }) UserGuid!: string;
  @WireMember({ type: t.string() }) UserName!: string;
  @WireMember({ type: t.int() }) SessionCount!: number;
  @WireMember({ type: t.bool() }) IsOperator!: boolean;
}

/** Seed 002 `user-sessions` row: one active session with its device. */
@WireContract({ name: 'AuthenticatedSession', namespace: NS })
export class AuthenticatedSession {
  @WireMember({ type: t.int() }) ID!: number;
  @WireMember({ type: t.int() }) UserID!: number;
  @WireMember({ type: t.guid() }) UserGuid!: string;
  @WireMember({ type: t.date(), dateStyle: 'utc-seconds' }) LastUpdated!: Date;
  @WireMember({ type: t.date(), dateStyle: 'utc-seconds' }) ExpirationDate!: Date;
  @WireMember({ type: t.string() }) UserName!: string;
  @WireMember({ type: t.bool() }) IsOperator!: boolean;
  @WireMember({ type: t.string() }) Smartphone!: string | null;
  @WireMember({ type: t.string() }) OperatingSystem!: string | null;
  @WireMember({ type: t.string() }) Application!: string | null;
}

export const ActiveSessionUserPage = pagedListContract('ActiveSessionUserPage', ActiveSessionUser);
export const AuthenticatedSessionPage = pagedListContract(
  'AuthenticatedSessionPage',
  AuthenticatedSession,
);

/** Body of `revoke`: `{Session: 123}`. */
@WireContract({ name: 'RevokeSessionRequest', namespace: NS })
export class RevokeSessionRequest {
  @WireMember({ type: t.int(), required: true, description: 'The session ID' }) Session!: number;
}

/** Body of `revoke-user`: `{UserGuid: "..."}` (text, so a malformed GUID is `err_InvalidGuid`). */
@WireContract({ name: 'RevokeUserRequest', namespace: NS })
export class RevokeUserRequest {
  @WireMember({ type: t.string(), required: true, description: 'The user GUID' }) UserGuid!:
    string | null;
}

/** Answer of `revoke-user`: `{"Success":true,"SessionsEnded":3}`. */
@WireContract({ name: 'RevokeUserResponse', namespace: NS })
export class RevokeUserResponse {
  @WireMember({ type: t.bool() }) Success!: boolean;
  @WireMember({ type: t.int() }) SessionsEnded!: number;
}
