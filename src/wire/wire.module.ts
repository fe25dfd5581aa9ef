import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@/platform/config/app-config';
import { HeadRequestMiddleware } from './http/head-request.middleware';
import { RouteTable } from './http/route-table';
import { WireBodyPipe } from './http/wire-body.decorator';
import { WireExceptionFilter } from './http/wire-exception.filter';
import { WireResponseInterceptor } from './http/wire-response.interceptor';
import { WireRuntime } from './http/wire-runtime';
import { DEFAULT_WIRE_SETTINGS, WIRE_SETTINGS, WireSettings } from './http/wire-settings';

/** Settings from the global APP_CONFIG when present, else the defaults. */
const settingsFromConfig: Provider = {
  provide: WIRE_SETTINGS,
  useFactory: (config?: AppConfig): WireSettings => ({
    ...DEFAULT_WIRE_SETTINGS,
    ...(config && {
      legacyTimeZone: config.legacyTimeZone,
      bodyLimitBytes: config.bodyLimitBytes,
      xmlBodyLimitBytes: config.xmlBodyLimitBytes,
      bodyTimeoutMs: config.bodyTimeoutMs,
      drainLimitBytes: config.bodyDrain.limitBytes,
      drainTimeoutMs: config.bodyDrain.timeoutMs,
      errorDetailPolicy: config.errorDetailPolicy,
    }),
  }),
  inject: [{ token: APP_CONFIG, optional: true }],
};

const providers: Provider[] = [
  WireRuntime,
  WireBodyPipe,
  RouteTable,
  WireResponseInterceptor,
  WireExceptionFilter,
  HeadRequestMiddleware,
];

const exported = [
  WireRuntime,
  WireBodyPipe,
  WIRE_SETTINGS,
  RouteTable,
  WireResponseInterceptor,
  WireExceptionFilter,
  HeadRequestMiddleware,
];

/**
 * The wire layer: negotiation, body decoding (`@WireBody`), response encoding
 * (an interceptor), error bodies (a filter) and HEAD handling (a middleware).
 * Import it once; it reads LEGACY_TIME_ZONE and the body limits from APP_CONFIG.
 * It registers nothing globally: the request pipeline (src/pipeline.ts) does.
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [settingsFromConfig, ...providers],
  exports: exported,
})
export class WireModule {
  /** Explicit settings instead of APP_CONFIG (tests, tools). */
  static forRoot(settings: Partial<WireSettings>): DynamicModule {
    return {
      module: WireModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: WIRE_SETTINGS, useValue: { ...DEFAULT_WIRE_SETTINGS, ...settings } },
        ...providers,
      ],
      exports: exported,
    };
  }
}
