import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { DomainError } from '@/common/errors/domain-error';
import { APP_CONFIG, AppConfig } from '@/config';
import { DENIED_MESSAGE } from './access.guard';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Trusted callers of `POST api/Auth` present one of API_CLIENT_KEYS in `X-Api-Key`. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: Buffer[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // Compare digests: equal lengths for timingSafeEqual, and no early exit on length.
    this.keys = config.apiClientKeys.map(digest);
  }

  canActivate(context: ExecutionContext): boolean {
    const presented = context.switchToHttp().getRequest<IncomingMessage>().headers['x-api-key'];
    if (typeof presented === 'string' && presented.length > 0) {
      const candidate = digest(presented);
      let match = false;
      for (const key of this.keys) match = timingSafeEqual(key, candidate) || match;
      if (match) return true;
    }
    throw new DomainError('Unauthenticated', 'InvalidApiKey', DENIED_MESSAGE);
  }
}
