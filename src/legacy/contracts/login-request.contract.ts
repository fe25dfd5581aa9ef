import { t, WireContract, WireMember } from '@/wire';
import { GatewayNamespaces } from '@/wire/datacontract/gateway-namespaces';

/** Body of `POST /Auth/Login` when credentials come in the body rather than Basic auth. */
@WireContract({ name: 'LoginRequest', namespace: GatewayNamespaces.auth })
export class LoginRequestDto {
  @WireMember({ type: t.string(), description: 'The login name (case-insensitive).' })
  UserName!: string | null;

  @WireMember({ type: t.string(), description: 'The password, exactly as typed.' })
  Password!: string | null;
}

/** Body of `POST /Auth/Refresh` when the token is not in `X-Refresh-Token`. */
@WireContract({ name: 'RefreshRequest', namespace: GatewayNamespaces.auth })
export class RefreshRequestDto {
  @WireMember({ type: t.string(), description: 'The refresh token from Props["RefreshToken"].' })
  RefreshToken!: string | null;
}
