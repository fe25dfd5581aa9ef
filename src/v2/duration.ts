import { V2Errors } from './v2-errors';

/** protobuf JSON `Duration`: seconds with up to 9 fraction digits and an `s` ("3600s", "1.5s"). */
const DURATION = /^(\d{1,12})(?:\.(\d{1,9}))?s$/;

/**
 * The v2 `lifetime` in seconds; undefined when absent or empty. A malformed
 * or non-positive duration is a 400 (gRPC 3).
 */
export function parseLifetime(lifetime: string | null | undefined): number | undefined {
  if (lifetime === null || lifetime === undefined || lifetime === '') return undefined;
  const match = DURATION.exec(lifetime);
  const seconds = match ? Number(match[1]) + Number(`0.${match[2] ?? '0'}`) : NaN;
  if (!(seconds > 0)) throw V2Errors.invalidLifetime(lifetime);
  return seconds;
}

/** Narrows an optional v2 request string; empty counts as absent. */
export function present(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.length > 0;
}
