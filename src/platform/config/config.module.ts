import { Global, Module } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig, loadConfig } from './app-config';

/** The one place that reads process.env. */
export function configFromEnvironment(
  overrides: Record<string, string | undefined> = {},
): AppConfig {
  return loadConfig({ ...process.env, ...overrides }, () => randomBytes(48).toString('base64url'));
}

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig) {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
