import { ActiveSessionSummary } from '@/sessions/sessions.repository';
import { SessionEntity } from '@/sessions/entities/session.entity';
import { UserEntity } from '@/users/entities/user.entity';
import { ActiveSessionUser, AuthenticatedSession } from './session.contract';

/** Seed-002 placeholders for device parts nobody recorded. */
export const UNKNOWN_SMARTPHONE = '-';
export const UNKNOWN_PART = 'Other- v. ';

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
    Smartphone: session.smartphone ?? UNKNOWN_SMARTPHONE,
    OperatingSystem: session.operatingSystem ?? UNKNOWN_PART,
    Application: session.application ?? UNKNOWN_PART,
  });
}
