import { GatewayNamespaces } from '@/wire/datacontract/gateway-namespaces';
import { t, WireContract, WireMember } from '@/wire';

/** `{"Success":true}`: seed 002's plain positive response. */
@WireContract({ name: 'SuccessResponse', namespace: GatewayNamespaces.admin })
export class SuccessResponse {
  @WireMember({ type: t.bool() })
  Success!: boolean;

  static ok(): SuccessResponse {
    return Object.assign(new SuccessResponse(), { Success: true });
  }
}
