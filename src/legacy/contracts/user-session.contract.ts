import { t, WireContract, WireMember, WriteContext } from '@/wire';
import { AuditDataDTO, RecordState } from './audit-data.contract';
import { LegacyNamespaces } from './namespaces';
import { Property, PropertyCollection, propertyValue } from './property.contract';

const FIVE_MINUTES_MS = 5 * 60 * 1000;

/** `ExpiryDateUtc <= DateTime.Now`; a missing date is DateTime.MinValue, hence expired. */
function isExpired(session: UserSessionDTO, now: number): boolean {
  return !session.ExpiryDateUtc || session.ExpiryDateUtc.getTime() <= now;
}

function expiresSoon(session: UserSessionDTO, now: number): boolean {
  return !isExpired(session, now) && session.ExpiryDateUtc.getTime() <= now + FIVE_MINUTES_MS;
}

const refreshTokenOf = (session: UserSessionDTO) =>
  propertyValue(session.Props, 'RefreshToken') ?? '';
const userNameOf = (session: UserSessionDTO) => propertyValue(session.AppData, 'UserName') ?? '';

/** `AlayaCare.Residential.AuthClient.Abstractions.UserSessionDTO` (seed 001). */
@WireContract({ namespace: LegacyNamespaces.authClient })
export class UserSessionDTO {
  @WireMember({ type: t.int(), jsonName: 'sessionID' })
  SessionID!: number;

  @WireMember({ type: t.int(), jsonName: 'userID' })
  UserID!: number;

  @WireMember({ type: t.string(), jsonName: 'userHash' })
  UserHash!: string | null;

  @WireMember({ type: t.string(), jsonName: 'userToken' })
  UserToken!: string | null;

  /** `Props["RefreshToken"]`, "" when absent; JSON only. */
  @WireMember({ type: t.string(), jsonName: 'refreshToken', in: 'json', computed: refreshTokenOf })
  get RefreshToken(): string {
    return refreshTokenOf(this);
  }

  @WireMember({ type: t.date(), jsonName: 'expiryDateUtc' })
  ExpiryDateUtc!: Date;

  @WireMember({
    type: t.contract(() => PropertyCollection),
    jsonName: 'sessionData',
    jsonIgnoreNull: true,
  })
  SessionData!: Property[] | null;

  @WireMember({ type: t.contract(() => PropertyCollection), jsonName: 'appData' })
  AppData!: Property[] | null;

  @WireMember({ type: t.contract(() => PropertyCollection), jsonName: 'props' })
  Props!: Property[] | null;

  @WireMember({ type: t.enum(RecordState, 'RecordState'), jsonName: 'recordState' })
  RecordState!: RecordState;

  @WireMember({ type: t.contract(() => AuditDataDTO), jsonName: 'created' })
  Created!: AuditDataDTO | null;

  @WireMember({ type: t.contract(() => AuditDataDTO), jsonName: 'lastUpdated' })
  LastUpdated!: AuditDataDTO | null;

  @WireMember({
    type: t.bool(),
    jsonName: 'expired',
    in: 'json',
    computed: (s: UserSessionDTO, c: WriteContext) => isExpired(s, c.now),
  })
  get Expired(): boolean {
    return isExpired(this, Date.now());
  }

  @WireMember({
    type: t.bool(),
    jsonName: 'expiresSoon',
    in: 'json',
    computed: (s: UserSessionDTO, c: WriteContext) => expiresSoon(s, c.now),
  })
  get ExpiresSoon(): boolean {
    return expiresSoon(this, Date.now());
  }

  /** `AppData["UserName"]`, "" when absent; JSON only. */
  @WireMember({ type: t.string(), jsonName: 'userName', in: 'json', computed: userNameOf })
  get UserName(): string {
    return userNameOf(this);
  }

  @WireMember({ type: t.bool(), jsonName: 'isAuthorized', in: 'json' })
  IsAuthorized!: boolean;

  @WireMember({ type: t.list(t.string()), jsonName: 'features' })
  Features!: string[] | null;

  @WireMember({ type: t.string(), jsonName: 'summary', in: 'json' })
  Summary!: string | null;

  @WireMember({ type: t.bool(), jsonName: 'isSingleSignOn', in: 'json' })
  IsSingleSignOn!: boolean;
}
