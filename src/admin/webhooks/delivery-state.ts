import { queryValue, RawQuery } from '@/admin/common/admin-query';
import { DomainError } from '@/platform/errors/domain-error';
import { DELIVERY_STATES, DeliveryState } from '@/webhooks/webhooks.repository';

/** `state=pending|delivered|dead` (case-insensitive) or absent for all; anything else is 400 `InvalidState`. */
export function parseDeliveryState(query: RawQuery): DeliveryState | undefined {
  const text = queryValue(query, 'state', 'InvalidState')?.trim().toLowerCase();
  if (text === undefined || text === '') return undefined;
  if ((DELIVERY_STATES as readonly string[]).includes(text)) return text as DeliveryState;
  throw new DomainError(
    'InvalidArgument',
    'InvalidState',
    `"state" must be one of ${DELIVERY_STATES.join(', ')}`,
  );
}
