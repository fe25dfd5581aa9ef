import {
  V2Details,
  V2Factors,
  V2PasswordFactor,
  V2Session,
  V2UserAgent,
  V2UserFactor,
} from './contracts';
import { SessionSearchRow } from '@/sessions/session-search';

/**
 * `details.resourceOwner` and `factors.user.organizationId`. ZITADEL names the
 * organisation owning a resource; this gateway serves a single one, so it is a
 * constant (a numeric string, as ZITADEL ids are).
 */
export const V2_RESOURCE_OWNER = '1';

export function detailsOf(session: { sequence: string }, changeDate: Date): V2Details {
  return V2Details.of(String(session.sequence), changeDate, V2_RESOURCE_OWNER);
}

export function displayNameOf(
  row: Pick<SessionSearchRow, 'firstName' | 'lastName' | 'userName'>,
): string {
  const name = [row.firstName, row.lastName].filter((part) => part && part.trim()).join(' ');
  return name || row.userName;
}

export function toV2Session(row: SessionSearchRow): V2Session {
  const user = Object.assign(new V2UserFactor(), {
    verifiedAt: row.createdAt,
    id: row.userGuid,
    loginName: row.userName,
    displayName: displayNameOf(row),
    organizationId: V2_RESOURCE_OWNER,
  });
  const password = row.passwordVerifiedAt
    ? Object.assign(new V2PasswordFactor(), { verifiedAt: row.passwordVerifiedAt })
    : null;
  return Object.assign(new V2Session(), {
    id: String(row.id),
    creationDate: row.createdAt,
    changeDate: row.lastUpdatedAt,
    sequence: row.sequence,
    factors: Object.assign(new V2Factors(), { user, password }),
    userAgent: Object.assign(new V2UserAgent(), { ip: row.ip, description: row.userAgent }),
    expirationDate: row.expiresAt,
  });
}
