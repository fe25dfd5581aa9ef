import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard } from '@nestjs/throttler';
import { IncomingMessage } from 'node:http';
import { clientMetaOf } from '../client-ip/client-meta';
import { AuthErrors } from '../auth-errors';

/**
 * Rate limit per client IP as resolved behind trusted proxies (never a header
 * the caller can set), one budget per route: for routes that take a token or
 * an API key rather than a password (refresh, the trusted hand-over).
 * Counters live in the instance's memory (@nestjs/throttler's default storage).
 */
@Injectable()
export class LoginThrottleGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    return clientMetaOf(request as unknown as IncomingMessage).ip ?? 'unknown';
  }

  protected override async throwThrottlingException(): Promise<void> {
    throw AuthErrors.tooManyRequests(new ThrottlerException().message);
  }
}

/**
 * One budget per client IP shared by every route that checks a password
 * (`POST /Auth/Login`, `POST /v2/sessions`, `PATCH /v2/sessions/{id}`), so
 * spreading guesses over routes buys an address no more of them.
 */
@Injectable()
export class PasswordThrottleGuard extends LoginThrottleGuard {
  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    throttlerName: string,
  ): string {
    return `${throttlerName}:password-routes:${tracker}`;
  }
}
