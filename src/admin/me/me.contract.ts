import { GatewayNamespaces } from '@/wire/datacontract/gateway-namespaces';
import { t, WireContract, WireMember } from '@/wire';

/** `GET /api/admin/v1/me`: who the caller is and what it may do; nothing about anyone else. */
@WireContract({ name: 'AdminMe', namespace: GatewayNamespaces.admin })
export class AdminMe {
  @WireMember({ type: t.guid() }) UserGuid!: string;
  @WireMember({ type: t.string() }) UserName!: string;
  @WireMember({ type: t.list(t.string()), description: "The caller's role names" })
  Roles!: string[];
  @WireMember({
    type: t.list(t.string()),
    description:
      'The permissions the server checks for this token (`admin` implies every other one)',
  })
  Permissions!: string[];
}
