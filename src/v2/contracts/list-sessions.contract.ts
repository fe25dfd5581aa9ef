import { GatewayNamespaces } from '@/wire/datacontract/gateway-namespaces';
import { t, WireContract, WireMember } from '@/wire';
import { V2ListDetails } from './details.contract';
import { V2Session } from './session.contract';

const NS = GatewayNamespaces.v2;
const METHOD =
  'TIMESTAMP_QUERY_METHOD_EQUALS (default), _GREATER, _GREATER_OR_EQUALS, _LESS or _LESS_OR_EQUALS ' +
  '(or 0-4); compared at millisecond precision.';

@WireContract({ name: 'ListQuery', namespace: NS })
export class V2ListQuery {
  @WireMember({
    type: t.long(),
    nullable: true,
    order: 1,
    description: 'Sessions to skip (default 0).',
  })
  offset!: number | null;

  @WireMember({
    type: t.int(),
    nullable: true,
    order: 2,
    description: 'Page size: default 100, at most 1000.',
  })
  limit!: number | null;

  @WireMember({
    type: t.bool(),
    nullable: true,
    order: 3,
    description: 'Oldest first when true; newest first by default.',
  })
  asc!: boolean | null;
}

@WireContract({ name: 'IdsQuery', namespace: NS })
export class V2IdsQuery {
  @WireMember({
    type: t.list(t.string()),
    description: 'Session ids; ids that name no session match nothing.',
  })
  ids!: string[] | null;
}

@WireContract({ name: 'UserIdQuery', namespace: NS })
export class V2UserIdQuery {
  @WireMember({
    type: t.string(),
    description: 'The owner: factors.user.id (GUID) or the integer user id.',
  })
  id!: string | null;
}

@WireContract({ name: 'CreationDateQuery', namespace: NS })
export class V2CreationDateQuery {
  @WireMember({ type: t.date(), dateStyle: 'utc-millis', nullable: true, order: 1 })
  creationDate!: Date | null;

  @WireMember({ type: t.string(), order: 2, description: METHOD })
  method!: string | null;
}

@WireContract({ name: 'ExpirationDateQuery', namespace: NS })
export class V2ExpirationDateQuery {
  @WireMember({ type: t.date(), dateStyle: 'utc-millis', nullable: true, order: 1 })
  expirationDate!: Date | null;

  @WireMember({ type: t.string(), order: 2, description: METHOD })
  method!: string | null;
}

/** One entry of `queries`: exactly one of its members set. All entries must match (AND). */
@WireContract({ name: 'SearchQuery', namespace: NS })
export class V2SearchQuery {
  @WireMember({ type: t.contract(() => V2IdsQuery), order: 1 })
  idsQuery!: V2IdsQuery | null;

  @WireMember({ type: t.contract(() => V2UserIdQuery), order: 2 })
  userIdQuery!: V2UserIdQuery | null;

  @WireMember({ type: t.contract(() => V2CreationDateQuery), order: 3 })
  creationDateQuery!: V2CreationDateQuery | null;

  @WireMember({ type: t.contract(() => V2ExpirationDateQuery), order: 4 })
  expirationDateQuery!: V2ExpirationDateQuery | null;
}

/** Body of `POST /v2/sessions/search`. */
@WireContract({ name: 'ListSessionsRequest', namespace: NS })
export class ListSessionsRequest {
  @WireMember({ type: t.contract(() => V2ListQuery), order: 1 })
  query!: V2ListQuery | null;

  @WireMember({ type: t.list(t.contract(() => V2SearchQuery)), order: 2 })
  queries!: V2SearchQuery[] | null;
}

/** Answer of `POST /v2/sessions/search`. */
@WireContract({ name: 'ListSessionsResponse', namespace: NS })
export class ListSessionsResponse {
  @WireMember({ type: t.contract(() => V2ListDetails), order: 1 })
  details!: V2ListDetails;

  @WireMember({ type: t.list(t.contract(() => V2Session)), order: 2 })
  sessions!: V2Session[];
}
