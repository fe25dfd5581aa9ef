import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { presentsMetricsToken } from './metrics-access';
import { PlatformErrors } from '@/platform/errors/platform-errors';

/** `/metrics` on the main port: only for a scraper presenting `METRICS_TOKEN` as a bearer. */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const { headers } = context.switchToHttp().getRequest<{ headers: Record<string, string> }>();
    const token = this.config.metrics.token;
    if (token && presentsMetricsToken(headers.authorization, token)) return true;
    throw PlatformErrors.unauthenticated();
  }
}
