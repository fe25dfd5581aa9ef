import { pagedListContract } from '@/admin/common/page.contract';
import { GatewayNamespaces } from '@/wire/datacontract/gateway-namespaces';
import { t, WireContract, WireMember } from '@/wire';

const NS = GatewayNamespaces.admin;

/** One fact of an audit event (`reason` = `admin_revoke`, ...), its value as text. */
@WireContract({ name: 'AuditDetail', namespace: NS })
export class AuditDetail {
  @WireMember({ type: t.string() }) Name!: string;
  @WireMember({ type: t.string() }) Value!: string | null;
}

/** One audit trail entry: who did what to whom, when and from where. */
@WireContract({ name: 'AuditEvent', namespace: NS })
export class AuditEvent {
  @WireMember({ type: t.long() }) ID!: string;
  @WireMember({
    type: t.date(),
    dateStyle: 'utc',
    description: 'UTC with the fraction (events order within a second)',
  })
  OccurredAt!: Date;
  @WireMember({ type: t.string() }) Action!: string;
  @WireMember({ type: t.int(), nullable: true }) ActorUserID!: number | null;
  @WireMember({ type: t.guid(), nullable: true }) ActorUserGuid!: string | null;
  @WireMember({ type: t.string() }) ActorUserName!: string | null;
  @WireMember({ type: t.int(), nullable: true }) SubjectUserID!: number | null;
  @WireMember({ type: t.guid(), nullable: true }) SubjectUserGuid!: string | null;
  @WireMember({ type: t.string() }) SubjectUserName!: string | null;
  @WireMember({ type: t.int(), nullable: true }) SessionID!: number | null;
  @WireMember({ type: t.string() }) IP!: string | null;
  @WireMember({
    type: t.string(),
    description: 'X-Request-Id of the request that caused the event; null for start-up and CLI',
  })
  RequestId!: string | null;
  @WireMember({ type: t.list(t.contract(() => AuditDetail)) }) Details!: AuditDetail[];
}

export const AuditEventPage = pagedListContract('AuditEventPage', AuditEvent);
