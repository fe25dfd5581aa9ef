import { GatewayNamespaces } from '@/wire/datacontract/gateway-namespaces';
import { t, WireContract, WireMember } from '@/wire';

const NS = GatewayNamespaces.admin;

/** One role's limit on concurrent sessions per user. */
@WireContract({ name: 'RoleSessionLimit', namespace: NS })
export class RoleSessionLimit {
  @WireMember({ type: t.string() }) Role!: string;
  @WireMember({ type: t.int() }) MaxSessions!: number;
}

/** The limits in force: per role, the global default and the policy. */
@WireContract({ name: 'SessionLimits', namespace: NS })
export class SessionLimits {
  @WireMember({
    type: t.int(),
    nullable: true,
    description: 'SESSION_LIMIT_PER_USER; null: no limit for users without a limited role',
  })
  GlobalLimit!: number | null;
  @WireMember({
    type: t.string(),
    description: '`reject` or `evict-oldest` (SESSION_LIMIT_POLICY)',
  })
  Policy!: string;
  @WireMember({ type: t.list(t.contract(() => RoleSessionLimit)) })
  Roles!: RoleSessionLimit[];
}

/** Body of `PUT /roles/{role}/session-limit`: a limit, or null to remove the role's limit. */
@WireContract({ name: 'SetRoleSessionLimitRequest', namespace: NS })
export class SetRoleSessionLimitRequest {
  @WireMember({ type: t.int(), nullable: true, description: '1..100000, or null to remove' })
  MaxSessions!: number | null;
}
