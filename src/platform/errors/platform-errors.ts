import { DomainError } from './domain-error';

/** Every code the platform raises. */
export type PlatformErrorCode = 'Unauthenticated';

/** The errors platform routes raise (the wire layer writes a 401's text). */
export const PlatformErrors = {
  /** `/metrics` without the scrape token. */
  unauthenticated: () =>
    new DomainError('Unauthenticated', 'Unauthenticated' satisfies PlatformErrorCode),
};
