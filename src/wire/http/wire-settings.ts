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
  /** ERROR_DETAIL_POLICY (default LocalOnly). */
  errorDetailPolicy: ErrorDetailPolicy;
}

export const WIRE_SETTINGS = Symbol('WIRE_SETTINGS');

export const DEFAULT_WIRE_SETTINGS: WireSettings = {
  legacyTimeZone: 'UTC',
  bodyLimitBytes: 1024 * 1024,
  xmlBodyLimitBytes: 256 * 1024,
  maxDepth: 64,
  errorDetailPolicy: 'LocalOnly',
};
