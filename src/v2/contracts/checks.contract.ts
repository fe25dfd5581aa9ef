import { GatewayNamespaces } from '@/wire/datacontract/gateway-namespaces';
import { t, WireContract, WireMember } from '@/wire';

/** `checks.user`: who is logging in, by login name (or by user id, the user's GUID). */
@WireContract({ name: 'CheckUser', namespace: GatewayNamespaces.v2 })
export class V2CheckUser {
  @WireMember({ type: t.string(), order: 1, description: 'The login name (case-insensitive).' })
  loginName!: string | null;

  @WireMember({
    type: t.string(),
    order: 2,
    description: 'Alternatively the user id (GUID) from factors.user.id.',
  })
  userId!: string | null;
}

/** `checks.password`. */
@WireContract({ name: 'CheckPassword', namespace: GatewayNamespaces.v2 })
export class V2CheckPassword {
  @WireMember({ type: t.string(), description: 'The password, exactly as typed (never trimmed).' })
  password!: string | null;
}

/** ZITADEL `session.v2.Checks` (user and password only). */
@WireContract({ name: 'Checks', namespace: GatewayNamespaces.v2 })
export class V2Checks {
  @WireMember({ type: t.contract(() => V2CheckUser), order: 1 })
  user!: V2CheckUser | null;

  @WireMember({ type: t.contract(() => V2CheckPassword), order: 2 })
  password!: V2CheckPassword | null;
}
