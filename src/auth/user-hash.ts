import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@/platform/config';

const MEMO_SIZE = 10_000;

/**
 * The legacy `UserHash`: stable per user, opaque, reveals nothing. An HMAC of
 * the user id under a key derived from the signing secret.
 */
@Injectable()
export class UserHasher {
  private readonly key: Buffer;
  /** Asked on every `GET /Auth/Session`; the HMAC never changes for a user. */
  private readonly memo = new Map<number, string>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = createHmac('sha256', config.jwt.secret).update('session-gateway/user-hash').digest();
  }

  hashOf(userId: number): string {
    let hash = this.memo.get(userId);
    if (hash === undefined) {
      hash = createHmac('sha256', this.key).update(String(userId)).digest('hex').slice(0, 32);
      if (this.memo.size >= MEMO_SIZE) this.memo.clear();
      this.memo.set(userId, hash);
    }
    return hash;
  }
}
