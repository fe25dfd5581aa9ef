/**
 * Every event the service announces (README "Session events (webhooks)").
 * Each is written to the outbox in the same statement or transaction as the
 * change it reports, so an event exists exactly when its change committed.
 * The domain knows only this catalogue and the outbox table; delivery (the
 * webhook worker) lives above it.
 */
export const SESSION_EVENT_TYPES = [
  'session.created',
  'session.refreshed',
  'session.ended',
] as const;
export type SessionEventType = (typeof SESSION_EVENT_TYPES)[number];

export const USER_EVENT_TYPES = [
  'user.blocked',
  'user.unblocked',
  'user.disabled',
  'user.password_reset',
  'user.locked_out',
] as const;
export type UserEventType = (typeof USER_EVENT_TYPES)[number];

export const EVENT_TYPES = [...SESSION_EVENT_TYPES, ...USER_EVENT_TYPES] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Why a session ended, as `session.ended` announces it. */
export const SESSION_END_REASONS = [
  'logout',
  'revoke',
  'admin',
  'bulk_revoke',
  'expired',
  'token_reuse',
  'limit',
  'user_blocked',
  'user_disabled',
  'user_inactive',
  'password_reset',
] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/**
 * Each `sessions.revoke_reason` the code stores, and the reason its
 * `session.ended` event carries. Typing `EndedBy.reason` with these keys makes
 * a new way of ending sessions fail to compile until it is announced.
 */
export const END_REASON_OF = {
  /** Legacy `POST /Auth/Logout`: the owner ends the session it holds. */
  logout: 'logout',
  /** v2 `DELETE /v2/sessions/{id}`: by its owner or someone with `session.delete`. */
  v2_delete: 'revoke',
  /** Legacy kill-session on one's own sessions. */
  kill_session_own: 'revoke',
  /** Legacy kill-session on someone else's. */
  kill_session: 'admin',
  /** Admin `revoke` / `revoke-user`. */
  admin_revoke: 'admin',
  /** RFC 7009 `POST /oauth/revoke` by an API client. */
  oauth_revoke: 'revoke',
  /** Admin `revoke-where`. */
  bulk_revoke: 'bulk_revoke',
  /** The expiry sweep (idle or absolute lifetime passed). */
  expired: 'expired',
  /** A rotated refresh/session token was presented again: theft, the whole session ends. */
  token_reused: 'token_reuse',
  /** A per-user session limit evicted the oldest session. */
  limit: 'limit',
  'user.blocked': 'user_blocked',
  'user.disabled': 'user_disabled',
  /** Seen live with an owner blocked or disabled meanwhile (the lazy end). */
  user_inactive: 'user_inactive',
  'user.password_reset': 'password_reset',
} as const satisfies Record<string, SessionEndReason>;
export type StoredEndReason = keyof typeof END_REASON_OF;

/** `data` of session events. `reason` only on `session.ended`, `expiresAt` not on it. */
export interface SessionEventData {
  sessionId: number;
  userId: number;
  userGuid: string;
  channel: string;
  reason?: SessionEndReason;
  expiresAt?: string;
}

/** `data` of user events; `lockedUntil` only on `user.locked_out`. */
export interface UserEventData {
  userId: number;
  userGuid: string;
  lockedUntil?: string;
}

/** An event as stored and as delivered: `{id, type, timestamp, data}`. */
export interface OutboxEvent {
  id: string;
  type: EventType;
  timestamp: Date;
  data: SessionEventData | UserEventData;
}
