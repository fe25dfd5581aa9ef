import { GatewayNamespaces } from '@/wire/datacontract/gateway-namespaces';
import { t, WireContract, WireMember } from '@/wire';

const NS = GatewayNamespaces.v2;
const millis = { type: t.date(), dateStyle: 'utc-millis' } as const;

/** `factors.user`: the user the session belongs to. */
@WireContract({ name: 'UserFactor', namespace: NS })
export class V2UserFactor {
  @WireMember({
    ...millis,
    order: 1,
    description: 'When the user was identified (the session creation).',
  })
  verifiedAt!: Date;

  @WireMember({ type: t.string(), order: 2, description: 'The user id (GUID).' })
  id!: string;

  @WireMember({ type: t.string(), order: 3 })
  loginName!: string;

  @WireMember({
    type: t.string(),
    order: 4,
    description: 'First and last name, else the login name.',
  })
  displayName!: string;

  @WireMember({
    type: t.string(),
    order: 5,
    description: 'Always the resourceOwner of the gateway ("1").',
  })
  organizationId!: string;
}

/** `factors.password`: present when the session was opened or re-checked with a password. */
@WireContract({ name: 'PasswordFactor', namespace: NS })
export class V2PasswordFactor {
  @WireMember({
    ...millis,
    description: 'The last successful password check (login or PATCH checks.password).',
  })
  verifiedAt!: Date;
}

@WireContract({ name: 'Factors', namespace: NS })
export class V2Factors {
  @WireMember({ type: t.contract(() => V2UserFactor), order: 1 })
  user!: V2UserFactor;

  @WireMember({ type: t.contract(() => V2PasswordFactor), order: 2, jsonIgnoreNull: true })
  password!: V2PasswordFactor | null;
}

/** Where the session was opened from. */
@WireContract({ name: 'UserAgent', namespace: NS })
export class V2UserAgent {
  @WireMember({
    type: t.string(),
    order: 1,
    jsonIgnoreNull: true,
    description: 'Client IP at creation.',
  })
  ip!: string | null;

  @WireMember({
    type: t.string(),
    order: 2,
    jsonIgnoreNull: true,
    description: 'The User-Agent header at creation.',
  })
  description!: string | null;
}

/** ZITADEL `session.v2.Session`. */
@WireContract({ name: 'Session', namespace: NS })
export class V2Session {
  @WireMember({ type: t.string(), order: 1, description: 'The session id (decimal string).' })
  id!: string;

  @WireMember({ ...millis, order: 2 })
  creationDate!: Date;

  @WireMember({
    ...millis,
    order: 3,
    description: 'Last change: creation, PATCH, or the sliding idle expiry.',
  })
  changeDate!: Date;

  @WireMember({
    type: t.string(),
    order: 4,
    description: 'Decimal string; grows with every change.',
  })
  sequence!: string;

  @WireMember({ type: t.contract(() => V2Factors), order: 5 })
  factors!: V2Factors;

  @WireMember({ type: t.contract(() => V2UserAgent), order: 6 })
  userAgent!: V2UserAgent;

  @WireMember({
    ...millis,
    order: 7,
    description: 'When the session ends unless used again (idle timeout, never past its lifetime).',
  })
  expirationDate!: Date;
}

/** Answer of `GET /v2/sessions/{id}`. */
@WireContract({ name: 'GetSessionResponse', namespace: NS })
export class GetSessionResponse {
  @WireMember({ type: t.contract(() => V2Session) })
  session!: V2Session;
}
