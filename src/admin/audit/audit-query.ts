import { parseGuid, queryValue, RawQuery } from '@/admin/common/admin-query';
import { AUDIT_ACTIONS, AuditAction } from '@/audit/audit-actions';
import { DomainError } from '@/platform/errors/domain-error';
import { REQUEST_ID } from '@/platform/request-context/request-id';

/** The audit filters as the query gave them; the user is still a GUID or an id. */
export interface AuditQuery {
  userGuid?: string;
  userId?: number;
  action?: AuditAction;
  requestId?: string;
  from?: Date;
  to?: Date;
}

/** `2024-05-20`, or a date-time with optional seconds, fraction (≤ 7 digits) and offset; no offset is UTC. */
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function invalid(code: string, message: string): DomainError {
  return new DomainError('InvalidArgument', code, message);
}

/** A strict ISO 8601 instant; calendar-impossible dates (Feb 30th) are rejected too. */
export function parseIsoInstant(text: string): Date | null {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone = 'Z'] = match;
  const ms = fraction === '' ? '' : `.${fraction.slice(0, 3).padEnd(3, '0')}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${ms}${zone}`);
  if (Number.isNaN(date.getTime())) return null;
  const day = new Date(Date.UTC(+y, +mo - 1, +d));
  if (day.getUTCFullYear() !== +y || day.getUTCMonth() !== +mo - 1 || day.getUTCDate() !== +d)
    return null;
  if (+h > 23 || +mi > 59 || +s > 59) return null;
  return date;
}

function dateParam(query: RawQuery, name: string): Date | undefined {
  const text = queryValue(query, name, 'InvalidDate');
  if (text === undefined || text.trim() === '') return undefined;
  const date = parseIsoInstant(text);
  if (!date) throw invalid('InvalidDate', `"${name}" must be an ISO 8601 date or date-time`);
  return date;
}

/**
 * `userGuid` or `userId` (actor or subject), `action` (one of AUDIT_ACTIONS),
 * `from` (inclusive) and `to` (exclusive). Malformed values are 400s.
 */
export function parseAuditQuery(query: RawQuery): AuditQuery {
  const result: AuditQuery = {};
  const guid = queryValue(query, 'userGuid', 'InvalidGuid');
  if (guid !== undefined) result.userGuid = parseGuid(guid);
  const id = queryValue(query, 'userId', 'InvalidUserId');
  if (id !== undefined) {
    const value = /^[0-9]{1,10}$/.test(id) ? Number(id) : NaN;
    if (!(value >= 1 && value <= 2147483647))
      throw invalid('InvalidUserId', '"userId" must be a positive integer');
    result.userId = value;
  }
  const action = queryValue(query, 'action', 'InvalidAction')?.trim();
  if (action) {
    if (!(AUDIT_ACTIONS as readonly string[]).includes(action)) {
      throw invalid('InvalidAction', `"action" must be one of ${AUDIT_ACTIONS.join(', ')}`);
    }
    result.action = action as AuditAction;
  }
  const requestId = queryValue(query, 'requestId', 'InvalidRequestId');
  if (requestId !== undefined) {
    if (!REQUEST_ID.test(requestId)) {
      throw invalid('InvalidRequestId', '"requestId" must be 1 to 128 of A-Z a-z 0-9 . _ : -');
    }
    result.requestId = requestId;
  }
  result.from = dateParam(query, 'from');
  result.to = dateParam(query, 'to');
  if (result.from && result.to && result.from > result.to) {
    throw invalid('InvalidDateRange', '"from" must not be later than "to"');
  }
  return result;
}
