import { Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@/platform/config';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** API_CLIENT_KEYS, for finding which client a presented secret belongs to. */
@Injectable()
export class ApiClientKeys {
  private readonly keys: Array<{ name: string; digest: Buffer }>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // Compare digests: equal lengths for timingSafeEqual, and no early exit on length.
    this.keys = config.apiClients.map((client) => ({
      name: client.name,
      digest: digest(client.secret),
    }));
  }

  /** The name of the client whose secret this is, or undefined. */
  clientOf(presented: string): string | undefined {
    if (presented.length === 0) return undefined;
    const candidate = digest(presented);
    let client: string | undefined;
    // Every key is compared, so the time taken says nothing about which one matched.
    for (const key of this.keys) if (timingSafeEqual(key.digest, candidate)) client = key.name;
    return client;
  }
}
