import { ActiveSessionCount, ActiveSessionSummary } from '@/sessions/sessions.repository';
import { SessionEntity } from '@/sessions/entities/session.entity';
import { UserEntity } from '@/users/entities/user.entity';
import {
  ActiveSessionsPoint,
  ActiveSessionUser,
  AuthenticatedSession,
  SessionActivity,
  SessionDetails,
} from './session.contract';

/** Seed-002 placeholders for device parts nobody recorded. */
export const UNKNOWN_SMARTPHONE = '-';
export const UNKNOWN_PART = 'Other- v. ';

/** The device parts as seed 002 prints them, placeholders for what nobody recorded. */
const deviceOf = (session: SessionEntity) => ({
  Smartphone: session.smartphone ?? UNKNOWN_SMARTPHONE,
  OperatingSystem: session.operatingSystem ?? UNKNOWN_PART,
  Application: session.application ?? UNKNOWN_PART,
});

export function toActiveSessionUser(row: ActiveSessionSummary): ActiveSessionUser {
  return Object.assign(new ActiveSessionUser(), {
    UserGuid: row.userGuid,
    UserName: row.userName,
    SessionCount: row.sessionCount,
    IsOperator: row.isOperator,
  });
}

export function toAuthenticatedSession(
  session: SessionEntity,
  owner: UserEntity,
): AuthenticatedSession {
  return Object.assign(new AuthenticatedSession(), {
    ID: session.id,
    UserID: owner.id,
    UserGuid: owner.guid,
    LastUpdated: session.lastUpdatedAt,
    ExpirationDate: session.expiresAt,
    UserName: owner.username,
    IsOperator: owner.isOperator,
    ...deviceOf(session),
  });
}

export function toSessionDetails(session: SessionEntity): SessionDetails {
  return Object.assign(new SessionDetails(), {
    ID: session.id,
    Channel: session.channel,
    Created: session.createdAt,
    LastUpdated: session.lastUpdatedAt,
    ExpirationDate: session.expiresAt,
    Ip: session.ip,
    ...deviceOf(session),
  });
}

export function toSessionActivity(points: ActiveSessionCount[]): SessionActivity {
  return Object.assign(new SessionActivity(), {
    ActiveNow: points.at(-1)?.count ?? 0,
    Points: points.map((point) =>
      Object.assign(new ActiveSessionsPoint(), { At: point.at, Count: point.count }),
    ),
  });
}
