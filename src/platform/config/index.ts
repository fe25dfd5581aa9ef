export * from './app-config';
export * from './config.module';
export { ConfigError } from './env-parsers';
export type { ApiClient } from './api-clients';
