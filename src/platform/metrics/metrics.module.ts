import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '@/platform/config';
import { MetricsController } from './metrics.controller';
import { MetricsListener } from './metrics-listener';
import { MetricsService } from './metrics.service';

/**
 * Metrics are collected always, served only to a scraper: `GET /metrics` on
 * the main port exists only when `METRICS_TOKEN` is set (and asks for it);
 * `METRICS_PORT` adds the separate listener. With neither, nothing serves them.
 * Requests are counted by the request pipeline (src/pipeline.ts).
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: MetricsModule,
      controllers: config.metrics.token ? [MetricsController] : [],
      providers: [MetricsService, MetricsListener],
      exports: [MetricsService],
    };
  }
}
