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

/**
 * One active session as the admin console shows it: seed 002's row plus where
 * and when it started. A separate contract, so seed 002's stays byte-exact.
 */
@WireContract({ name: 'SessionDetails', namespace: NS })
export class SessionDetails {
  @WireMember({ type: t.int() }) ID!: number;
  @WireMember({ type: t.string(), description: '`legacy`, `api` or `v2`' }) Channel!: string;
  @WireMember({ type: t.date(), dateStyle: 'utc-seconds' }) Created!: Date;
  @WireMember({ type: t.date(), dateStyle: 'utc-seconds', description: 'Last seen' })
  LastUpdated!: Date;
  @WireMember({ type: t.date(), dateStyle: 'utc-seconds', description: 'Idle expiry' })
  ExpirationDate!: Date;
  @WireMember({ type: t.string(), description: 'Client IP at login; null when unknown' }) Ip!:
    string | null;
  @WireMember({ type: t.string() }) Smartphone!: string | null;
  @WireMember({ type: t.string() }) OperatingSystem!: string | null;
  @WireMember({ type: t.string() }) Application!: string | null;
}

export const SessionDetailsPage = pagedListContract('SessionDetailsPage', SessionDetails);

/** One point of the active-session chart. */
@WireContract({ name: 'ActiveSessionsPoint', namespace: NS })
export class ActiveSessionsPoint {
  @WireMember({ type: t.date(), dateStyle: 'utc-seconds' }) At!: Date;
  @WireMember({ type: t.int(), description: 'Sessions active at that instant' }) Count!: number;
}

/** `activity`: active sessions now and at even steps over the last hour, oldest first. */
@WireContract({ name: 'SessionActivity', namespace: NS })
export class SessionActivity {
  @WireMember({ type: t.int(), description: 'Sessions active now (the last point)' })
  ActiveNow!: number;
  @WireMember({ type: t.list(t.contract(() => ActiveSessionsPoint)) })
  Points!: ActiveSessionsPoint[];
}

/**
 * Body of `revoke-where`: every given filter must match; at least one is
 * required. Text members, so a malformed value is a 400 naming it.
 */
@WireContract({ name: 'RevokeWhereRequest', namespace: NS })
export class RevokeWhereRequest {
  @WireMember({ type: t.string(), description: 'The owner: a user GUID or numeric user ID' })
  User!: string | null;
  @WireMember({
    type: t.string(),
    description: 'The client IP the session was opened from: an address or a CIDR (IPv4 or IPv6)',
  })
  Ip!: string | null;
  @WireMember({
    type: t.string(),
    description: 'Case-insensitive substring of the user agent (1..512 characters)',
  })
  UserAgentContains!: string | null;
  @WireMember({ type: t.string(), description: 'ISO 8601: created strictly before' })
  CreatedBefore!: string | null;
  @WireMember({ type: t.string(), description: 'ISO 8601: created strictly after' })
  CreatedAfter!: string | null;
  @WireMember({ type: t.string(), description: '`legacy`, `api` or `v2`' })
  Channel!: string | null;
  @WireMember({
    type: t.bool(),
    nullable: true,
    description: 'true: only count what would be ended; nothing changes',
  })
  DryRun!: boolean | null;
}

/** Answer of `revoke-where`. */
@WireContract({ name: 'RevokeWhereResponse', namespace: NS })
export class RevokeWhereResponse {
  @WireMember({ type: t.bool() }) Success!: boolean;
  @WireMember({ type: t.bool() }) DryRun!: boolean;
  @WireMember({ type: t.int(), description: 'Sessions ended (in a dry run: that would be)' })
  SessionsEnded!: number;
  @WireMember({
    type: t.int(),
    description: 'Matching sessions left alone: their owners hold permissions the caller lacks',
  })
  SessionsSkipped!: number;
}
