import { AuditDataDTO, Property, RecordState, UserSessionDTO } from '@/legacy/contracts';
import { SessionEntity, StoredProperty } from '@/sessions/entities/session.entity';
import { UserEntity } from '@/users/entities/user.entity';

/** The session columns the DTO shows (an entity, or the cached SessionState's copy of them). */
export type SessionSnapshot = Pick<
  SessionEntity,
  | 'id'
  | 'expiresAt'
  | 'sessionData'
  | 'appData'
  | 'props'
  | 'revokedAt'
  | 'createdAt'
  | 'lastUpdatedAt'
  | 'isSingleSignOn'
>;

export interface UserSessionView {
  session: SessionSnapshot;
  user: Pick<UserEntity, 'id' | 'username'>;
  userHash: string;
  /** Present right after login/refresh; a stored session only has its hash. */
  accessToken?: string;
  refreshToken?: string;
  permissions: string[];
  now?: number;
}

function toProperties(stored: StoredProperty[] | null): Property[] | null {
  return stored ? stored.map((property) => Property.of(property.name, property.value)) : null;
}

/**
 * A session as the legacy `UserSessionDTO`. The refresh token is only known
 * in clear when it was just issued, so `Props`/`AppData` carry it then and
 * only then (`refreshToken` prints "" otherwise, as the contract defines).
 */
export function toUserSessionDto(view: UserSessionView): UserSessionDTO {
  const { session, user } = view;
  const now = view.now ?? Date.now();
  const live = !session.revokedAt && session.expiresAt.getTime() > now;
  const withToken = (stored: StoredProperty[]) =>
    view.refreshToken ? [{ name: 'RefreshToken', value: view.refreshToken }, ...stored] : stored;
  return Object.assign(new UserSessionDTO(), {
    SessionID: session.id,
    UserID: user.id,
    UserHash: view.userHash,
    UserToken: view.accessToken ?? null,
    ExpiryDateUtc: session.expiresAt,
    SessionData: toProperties(session.sessionData),
    AppData: toProperties(withToken(session.appData)),
    Props: toProperties(withToken(session.props)),
    RecordState: session.revokedAt ? RecordState.Deleted : RecordState.Active,
    Created: AuditDataDTO.of(session.createdAt, user.username),
    LastUpdated: AuditDataDTO.of(session.lastUpdatedAt, user.username),
    IsAuthorized: live,
    Features: view.permissions,
    Summary: `${user.username} session ${session.id}`,
    IsSingleSignOn: session.isSingleSignOn,
  });
}
