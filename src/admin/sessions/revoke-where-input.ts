import { isIP } from 'node:net';
import { parseGuid } from '@/admin/common/admin-query';
import { parseIsoInstant } from '@/admin/audit/audit-query';
import { normalizeIp } from '@/platform/http/ip-address';
import { DomainError } from '@/platform/errors/domain-error';
import { isStorableText } from '@/platform/text/storable-text';
import { SessionChannel } from '@/sessions/entities/session.entity';
import { SessionCriteria } from '@/sessions/sessions.repository';
import { RevokeWhereRequest } from './session.contract';

/** The user-agent column's length: a longer needle matches nothing anyway. */
export const MAX_USER_AGENT_FILTER = 512;
const CHANNELS: readonly SessionChannel[] = ['legacy', 'api', 'v2'];
const MAX_TEXT = 128;

export interface RevokeWhereInput {
  criteria: SessionCriteria;
  dryRun: boolean;
  /** The criteria as given (canonical), for the audit event. */
  audited: Record<string, string>;
}

function invalid(code: string, message: string): DomainError {
  return new DomainError('InvalidArgument', code, message);
}

/** Blank or absent is "no filter"; text the database cannot hold is `code`. */
function given(value: string | null | undefined, code: string, name: string, max = MAX_TEXT) {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  if (value.length > max || !isStorableText(value))
    throw invalid(code, `"${name}" must be at most ${max} storable characters`);
  return value.trim();
}

/**
 * The filters of `revoke-where`, validated. No filter at all is 400
 * `NoFilter`: an empty body must never end every session.
 */
export function toRevokeWhereInput(body: RevokeWhereRequest): RevokeWhereInput {
  const criteria: SessionCriteria = {};
  const audited: Record<string, string> = {};

  const user = given(body.User, 'InvalidUser', 'User');
  if (user !== undefined) {
    if (/^[0-9]{1,10}$/.test(user) && Number(user) >= 1 && Number(user) <= 2147483647)
      criteria.userId = Number(user);
    else
      try {
        criteria.userGuid = parseGuid(user);
      } catch {
        throw invalid('InvalidUser', '"User" must be a user GUID or a positive user ID');
      }
    audited.user = String(criteria.userId ?? criteria.userGuid);
  }

  const ip = given(body.Ip, 'InvalidIp', 'Ip');
  if (ip !== undefined) {
    criteria.network = parseNetwork(ip);
    audited.ip = criteria.network;
  }

  const agent = given(
    body.UserAgentContains,
    'InvalidUserAgent',
    'UserAgentContains',
    MAX_USER_AGENT_FILTER,
  );
  if (agent !== undefined) {
    criteria.userAgentContains = agent;
    audited.userAgentContains = agent;
  }

  for (const [member, key] of [
    ['CreatedBefore', 'createdBefore'],
    ['CreatedAfter', 'createdAfter'],
  ] as const) {
    const text = given(body[member], 'InvalidDate', member);
    if (text === undefined) continue;
    const date = parseIsoInstant(text);
    if (!date) throw invalid('InvalidDate', `"${member}" must be an ISO 8601 date or date-time`);
    criteria[key] = date;
    audited[key] = date.toISOString();
  }
  if (
    criteria.createdBefore &&
    criteria.createdAfter &&
    criteria.createdAfter >= criteria.createdBefore
  )
    throw invalid('InvalidDateRange', '"CreatedAfter" must be earlier than "CreatedBefore"');

  const channel = given(body.Channel, 'InvalidChannel', 'Channel')?.toLowerCase();
  if (channel !== undefined) {
    if (!(CHANNELS as readonly string[]).includes(channel))
      throw invalid('InvalidChannel', `"Channel" must be one of ${CHANNELS.join(', ')}`);
    criteria.channel = channel as SessionChannel;
    audited.channel = channel;
  }

  if (Object.keys(audited).length === 0)
    throw invalid(
      'NoFilter',
      'give at least one filter (User, Ip, UserAgentContains, CreatedBefore, CreatedAfter, Channel)',
    );
  return { criteria, dryRun: body.DryRun === true, audited };
}

/**
 * An address or CIDR in canonical form: `10.0.0.0/8`, `2001:db8::/32`; an
 * IPv4-mapped IPv6 network is the IPv4 one (stored IPs are canonical IPv4).
 */
export function parseNetwork(text: string): string {
  const bad = () => invalid('InvalidIp', '"Ip" must be an IP address or CIDR (e.g. 10.0.0.0/8)');
  const [address, prefixText, ...rest] = text.split('/');
  const version = isIP(address);
  const scoped = address.includes('%');
  const canonical = version === 0 || scoped || rest.length > 0 ? null : normalizeIp(address);
  if (canonical === null) throw bad();
  const family = isIP(canonical);
  if (prefixText === undefined) return canonical;
  if (!/^[0-9]{1,3}$/.test(prefixText)) throw bad();
  let prefix = Number(prefixText);
  // `::ffff:10.0.0.0/104` is 10.0.0.0/8 written in IPv6.
  if (version === 6 && family === 4) prefix -= 96;
  if (prefix < 0 || prefix > (family === 4 ? 32 : 128)) throw bad();
  return `${canonical}/${prefix}`;
}
