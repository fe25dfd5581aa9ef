import { ContractClass } from '@/wire/datacontract/wire-types';

/**
 * What a handler may return instead of a bare contract instance: the contract
 * to write a plain object (or null) with, and optionally the status and headers.
 */
export class WireResult<T = unknown> {
  constructor(
    readonly contract: ContractClass<T>,
    readonly value: T | null,
    readonly status?: number,
    /** Headers to send with the body (e.g. a paged list's `Link`). */
    readonly headers?: Record<string, string>,
  ) {}
}

export function wireResult<T>(
  contract: ContractClass<T>,
  value: T | null,
  status?: number,
  headers?: Record<string, string>,
): WireResult<T> {
  return new WireResult(contract, value, status, headers);
}
