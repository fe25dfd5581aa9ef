import { GatewayNamespaces } from '@/wire/datacontract/gateway-namespaces';
import { t, WireContract, WireMember } from '@/wire';
import { V2Checks } from './checks.contract';
import { V2Details } from './details.contract';

const LIFETIME =
  'Optional protobuf duration ("3600s", "1.5s"): the session ends at most this long after the request. ' +
  'It never exceeds the configured absolute lifetime, and an unused session still ends after the idle timeout.';

/** Body of `POST /v2/sessions`. */
@WireContract({ name: 'CreateSessionRequest', namespace: GatewayNamespaces.v2 })
export class CreateSessionRequest {
  @WireMember({
    type: t.contract(() => V2Checks),
    order: 1,
    description: 'user and password are both required.',
  })
  checks!: V2Checks | null;

  @WireMember({ type: t.string(), order: 2, description: LIFETIME })
  lifetime!: string | null;
}

/** Answer of `POST /v2/sessions` (201). */
@WireContract({ name: 'CreateSessionResponse', namespace: GatewayNamespaces.v2 })
export class CreateSessionResponse {
  @WireMember({ type: t.contract(() => V2Details), order: 1 })
  details!: V2Details;

  @WireMember({ type: t.string(), order: 2, description: 'The session id (decimal string).' })
  sessionId!: string;

  @WireMember({
    type: t.string(),
    order: 3,
    description:
      'Opaque 256-bit secret proving possession of the session; rotated by every PATCH. Keep it secret.',
  })
  sessionToken!: string;

  @WireMember({
    type: t.string(),
    order: 4,
    description:
      'Gateway extension: a short-lived JWT for `Authorization: Bearer` on every other route.',
  })
  accessToken!: string;

  @WireMember({
    type: t.date(),
    dateStyle: 'utc-millis',
    order: 5,
    description:
      'Gateway extension: when accessToken expires; get a new one with PATCH /v2/sessions/{id}.',
  })
  accessTokenExpirationDate!: Date;
}
