import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { DENIED_MESSAGE } from '@/auth/guards/access.guard';
import { DomainError } from '@/platform/errors/domain-error';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { presentsMetricsToken } from './metrics-access';

/** `/metrics` on the main port: only for a scraper presenting `METRICS_TOKEN` as a bearer. */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const { headers } = context.switchToHttp().getRequest<{ headers: Record<string, string> }>();
    const token = this.config.metrics.token;
    if (token && presentsMetricsToken(headers.authorization, token)) return true;
    throw new DomainError('Unauthenticated', 'Unauthenticated', DENIED_MESSAGE);
  }
}
