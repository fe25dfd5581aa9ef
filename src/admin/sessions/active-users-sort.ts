import { queryValue, RawQuery } from '@/admin/common/admin-query';
import { DomainError } from '@/platform/errors/domain-error';
import { ActiveUsersSort } from '@/sessions/sessions.repository';

/** `sort=count` (default) or `sort=name`, case-insensitive; anything else is 400 `InvalidSort`. */
export function parseActiveUsersSort(query: RawQuery): ActiveUsersSort {
  const text = queryValue(query, 'sort', 'InvalidSort')?.trim().toLowerCase();
  if (text === undefined || text === '' || text === 'count') return 'count';
  if (text === 'name') return 'name';
  throw new DomainError('InvalidArgument', 'InvalidSort', '"sort" must be "count" or "name"');
}
