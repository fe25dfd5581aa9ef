import { Injectable } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard } from '@nestjs/throttler';
import { IncomingMessage } from 'node:http';
import { DomainError } from '@/common/errors/domain-error';
import { clientMetaOf } from '../client-ip/client-meta';

/**
 * Rate limit for the login routes, per client IP as resolved behind trusted
 * proxies (never a header the caller can set). Applied per route, not globally.
 */
@Injectable()
export class LoginThrottleGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    return clientMetaOf(request as unknown as IncomingMessage).ip ?? 'unknown';
  }

  protected override async throwThrottlingException(): Promise<void> {
    throw new DomainError('ResourceExhausted', 'TooManyRequests', new ThrottlerException().message);
  }
}
