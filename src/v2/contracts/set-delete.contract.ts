import { GatewayNamespaces } from '@/wire/datacontract/gateway-namespaces';
import { t, WireContract, WireMember } from '@/wire';
import { V2Checks } from './checks.contract';
import { V2Details } from './details.contract';

const NS = GatewayNamespaces.v2;

/** Body of `PATCH /v2/sessions/{id}`. */
@WireContract({ name: 'SetSessionRequest', namespace: NS })
export class SetSessionRequest {
  @WireMember({
    type: t.string(),
    order: 1,
    description: 'Required: the current sessionToken (it is rotated).',
  })
  sessionToken!: string | null;

  @WireMember({
    type: t.contract(() => V2Checks),
    order: 2,
    description: 'Optional re-check: password (and user, which must be the session user).',
  })
  checks!: V2Checks | null;

  @WireMember({
    type: t.string(),
    order: 3,
    description: 'Optional new lifetime from now, e.g. "3600s".',
  })
  lifetime!: string | null;
}

/** Answer of `PATCH /v2/sessions/{id}`. */
@WireContract({ name: 'SetSessionResponse', namespace: NS })
export class SetSessionResponse {
  @WireMember({ type: t.contract(() => V2Details), order: 1 })
  details!: V2Details;

  @WireMember({
    type: t.string(),
    order: 2,
    description: 'The new sessionToken; the one sent is no longer valid.',
  })
  sessionToken!: string;

  @WireMember({
    type: t.string(),
    order: 3,
    description: 'Gateway extension: a fresh access token (JWT).',
  })
  accessToken!: string;

  @WireMember({
    type: t.date(),
    dateStyle: 'utc-millis',
    order: 4,
    description: 'Gateway extension.',
  })
  accessTokenExpirationDate!: Date;
}

/** Body of `DELETE /v2/sessions/{id}` (optional). */
@WireContract({ name: 'DeleteSessionRequest', namespace: NS })
export class DeleteSessionRequest {
  @WireMember({
    type: t.string(),
    description:
      'The current sessionToken. Required unless the caller ends a session of their own user or holds session.delete; ' +
      'when sent it is always checked.',
  })
  sessionToken!: string | null;
}

/** Answer of `DELETE /v2/sessions/{id}`. */
@WireContract({ name: 'DeleteSessionResponse', namespace: NS })
export class DeleteSessionResponse {
  @WireMember({ type: t.contract(() => V2Details) })
  details!: V2Details;
}
