/** Web API's IncludeErrorDetailPolicy: who sees formatter exception messages in ModelState. */
export type ErrorDetailPolicy = 'LocalOnly' | 'Always' | 'Never';

/** What the wire layer needs from configuration. */
export interface WireSettings {
  /** IANA zone for Local-kind dates (LEGACY_TIME_ZONE). */
  legacyTimeZone: string;
  /** Request body cap after decompression (default 1 MiB). */
  bodyLimitBytes: number;
  /** XML request body cap (default 256 KiB). */
  xmlBodyLimitBytes: number;
  /** Deepest JSON/XML nesting accepted in a body. */
  maxDepth: number;
  /** How long a body may take to arrive once reading starts (then 408). */
  bodyTimeoutMs: number;
  /** Read and discarded at most after an answer sent before its request body ended. */
  drainLimitBytes: number;
  /** How long the rest of such a body is drained before the connection is closed. */
  drainTimeoutMs: number;
  /** ERROR_DETAIL_POLICY (default LocalOnly). */
  errorDetailPolicy: ErrorDetailPolicy;
}

export const WIRE_SETTINGS = Symbol('WIRE_SETTINGS');

export const DEFAULT_WIRE_SETTINGS: WireSettings = {
  legacyTimeZone: 'UTC',
  bodyLimitBytes: 1024 * 1024,
  xmlBodyLimitBytes: 256 * 1024,
  maxDepth: 64,
  bodyTimeoutMs: 30_000,
  drainLimitBytes: 16 * 1024 * 1024,
  drainTimeoutMs: 10_000,
  errorDetailPolicy: 'LocalOnly',
};
