import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@/config';

/**
 * The legacy `UserHash`: stable per user, opaque, reveals nothing. An HMAC of
 * the user id under a key derived from the signing secret.
 */
@Injectable()
export class UserHasher {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = createHmac('sha256', config.jwt.secret).update('session-gateway/user-hash').digest();
  }

  hashOf(userId: number): string {
    return createHmac('sha256', this.key).update(String(userId)).digest('hex').slice(0, 32);
  }
}
