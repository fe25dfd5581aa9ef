import { availableParallelism } from 'node:os';

/**
 * At most `max` tasks at a time; the rest wait in arrival order. argon2 runs on
 * the libuv threadpool (4 threads by default): unbounded, a login storm puts
 * four memory-hard hashes on the CPUs at once, which starves the event loop on
 * a small machine and occupies every threadpool slot (fs, dns, zlib wait too).
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((go) => this.waiting.push(go));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** Leaves one CPU for the event loop (and at least one hash at a time). */
export const HASHING_CONCURRENCY = Math.max(1, availableParallelism() - 1);
