import { t, WireContract, WireMember } from '@/wire';
import { LegacyNamespaces } from './namespaces';

/** `API.Helpers.GenericResponse` (seed 000): a POCO, so every property is a member. */
@WireContract({ namespace: LegacyNamespaces.apiHelpers })
export class GenericResponse {
  @WireMember({ type: t.bool() })
  Success!: boolean;

  @WireMember({ type: t.string() })
  Message!: string | null;

  /** `object`: its runtime type decides the XML (`i:type="d2p1:int"`). */
  @WireMember({ type: t.object() })
  Data!: unknown;

  static of(success: boolean, message: string | null, data: unknown = null): GenericResponse {
    return Object.assign(new GenericResponse(), { Success: success, Message: message, Data: data });
  }
}
