import { formatUsGeneral, t, WireContract, WireMember, WriteContext } from '@/wire';
import { LegacyNamespaces } from './namespaces';

/** `[DataContract] enum RecordState`: JSON as the number, XML as the member name. */
export enum RecordState {
  Unknown = 0,
  Active = 1,
  Deleted = 2,
}

/** `"{UserName} on {DateUtc:G en-US}Z"`, the date on the legacy zone's clock. */
function auditSummary(audit: AuditDataDTO, context: WriteContext): string {
  const date = audit.DateUtc
    ? formatUsGeneral(audit.DateUtc, context.timeZone)
    : '1/1/0001 12:00:00 AM';
  return (audit.UserName ?? '') + ' on ' + date + 'Z';
}

/** `AlayaCare.Residential.Common.Models.AuditDataDTO`. */
@WireContract({ namespace: LegacyNamespaces.models })
export class AuditDataDTO {
  @WireMember({ type: t.date(), jsonName: 'dateUtc' })
  DateUtc!: Date;

  @WireMember({ type: t.string(), jsonName: 'userName' })
  UserName!: string | null;

  @WireMember({ type: t.string(), jsonName: 'summary', in: 'json', computed: auditSummary })
  get Summary(): string {
    return auditSummary(this, { timeZone: 'UTC', now: Date.now() });
  }

  static of(dateUtc: Date, userName: string | null): AuditDataDTO {
    return Object.assign(new AuditDataDTO(), { DateUtc: dateUtc, UserName: userName });
  }
}
