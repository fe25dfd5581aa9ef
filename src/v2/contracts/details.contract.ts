import { GatewayNamespaces } from '@/wire/datacontract/gateway-namespaces';
import { t, WireContract, WireMember } from '@/wire';

/** ZITADEL `zitadel.object.v2.Details`, as every v2 manipulation answers it. */
@WireContract({ name: 'Details', namespace: GatewayNamespaces.v2 })
export class V2Details {
  @WireMember({
    type: t.string(),
    order: 1,
    description:
      'The session sequence after the change: a decimal string that grows with every change.',
  })
  sequence!: string;

  @WireMember({
    type: t.date(),
    dateStyle: 'utc-millis',
    order: 2,
    description: 'When the change happened (UTC, milliseconds).',
  })
  changeDate!: Date;

  @WireMember({
    type: t.string(),
    order: 3,
    description:
      'The organisation owning the session; this gateway serves one, always "1" (V2_RESOURCE_OWNER).',
  })
  resourceOwner!: string;

  static of(sequence: string, changeDate: Date, resourceOwner: string): V2Details {
    return Object.assign(new V2Details(), { sequence, changeDate, resourceOwner });
  }
}

/** ZITADEL `zitadel.object.v2.ListDetails`. */
@WireContract({ name: 'ListDetails', namespace: GatewayNamespaces.v2 })
export class V2ListDetails {
  @WireMember({
    type: t.string(),
    order: 1,
    description:
      'All sessions matching the queries (ignoring offset and limit), as a decimal string.',
  })
  totalResult!: string;

  @WireMember({
    type: t.date(),
    dateStyle: 'utc-millis',
    order: 2,
    description: 'When the list was read.',
  })
  timestamp!: Date;

  static of(totalResult: number, timestamp: Date): V2ListDetails {
    return Object.assign(new V2ListDetails(), { totalResult: String(totalResult), timestamp });
  }
}
