import { ContractClass } from '@/wire/datacontract/wire-types';

/**
 * What a handler may return instead of a bare contract instance: the contract
 * to write a plain object (or null) with, and optionally the status.
 */
export class WireResult<T = unknown> {
  constructor(
    readonly contract: ContractClass<T>,
    readonly value: T | null,
    readonly status?: number,
  ) {}
}

export function wireResult<T>(
  contract: ContractClass<T>,
  value: T | null,
  status?: number,
): WireResult<T> {
  return new WireResult(contract, value, status);
}
