export * from './app-config';
export * from './config.module';
export { ConfigError } from './env-parsers';
export type { ApiClient } from './api-clients';
export { JWT_ALGORITHMS, keyMismatch } from './signing-config';
export type { AsymmetricAlgorithm, JwtAlgorithm, SigningConfig } from './signing-config';
