import { once } from 'node:events';
import { createServer, Server } from 'node:http';
import { AppConfig, loadConfig } from '@/platform/config';
import { WebhookDeliveryWorker } from './webhook-delivery.worker';
import { AttemptResult, ClaimedDelivery, WebhooksRepository } from './webhooks.repository';

/** The repository as the worker sees it: one claim handed out, every settle recorded. */
class FakeWebhooks {
  pending: ClaimedDelivery[] = [];
  settled: Array<{ delivery: ClaimedDelivery; result: AttemptResult; at: number }> = [];
  async syncConfigured(): Promise<void> {}
  async fanOut(): Promise<number> {
    return 0;
  }
  async prune(): Promise<void> {}
  async claimDue(): Promise<ClaimedDelivery[]> {
    const claimed = this.pending;
    this.pending = [];
    return claimed;
  }
  async settle(delivery: ClaimedDelivery, result: AttemptResult): Promise<void> {
    this.settled.push({ delivery, result, at: Date.now() });
  }
}

const SECRET = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;

describe('WebhookDeliveryWorker', () => {
  let server: Server;
  let status = 500;
  let url: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(status, { location: 'https://elsewhere.example/' }).end());
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
  });
  afterAll(() => server.close());

  const claim = (attempts: number): ClaimedDelivery => ({
    id: '7',
    claimId: 'c',
    attempts,
    url,
    event: { id: 'e', type: 'session.created', timestamp: new Date(), data: {} as never },
  });

  async function attempt(attempts: number, env: Record<string, string> = {}) {
    const config: AppConfig = loadConfig(
      { WEBHOOK_SECRET: SECRET, WEBHOOK_MAX_ATTEMPTS: '3', WEBHOOK_RETRY_BASE_MS: '1000', ...env },
      () => 'x'.repeat(32),
    );
    const fake = new FakeWebhooks();
    fake.pending = [claim(attempts)];
    const worker = new WebhookDeliveryWorker(fake as unknown as WebhooksRepository, config);
    worker.wake();
    for (let i = 0; i < 1000 && fake.settled.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await worker.onApplicationShutdown();
    return fake.settled;
  }
  const results = async (attempts: number) =>
    (await attempt(attempts)).map((entry) => entry.result);

  it('schedules a retry after a failure below the limit, with the backoff of that attempt', async () => {
    status = 500;
    const [{ result, at }] = await attempt(2);
    expect(result).toMatchObject({ delivered: false, status: 500, error: 'answered 500' });
    // Attempt 2 with a 1000 ms base: 1000..2000 ms after the failure (measured at settle, just after).
    const wait = (result as { retryAt: Date }).retryAt.getTime() - at;
    expect(wait).toBeGreaterThanOrEqual(900);
    expect(wait).toBeLessThanOrEqual(2000);
  });

  it('dead-letters when the failed attempt was the last allowed', async () => {
    status = 503;
    expect(await results(3)).toEqual([
      { delivered: false, status: 503, error: 'answered 503', retryAt: null },
    ]);
  });

  it('counts a redirect as a failure and does not follow it', async () => {
    status = 302;
    expect(await results(1)).toMatchObject([{ delivered: false, status: 302 }]);
  });

  it('settles a 2xx as delivered', async () => {
    status = 204;
    expect(await results(1)).toEqual([{ delivered: true, status: 204 }]);
  });

  it('sends nothing without a secret', async () => {
    const config = loadConfig({}, () => 'x'.repeat(32));
    const fake = new FakeWebhooks();
    fake.pending = [claim(1)];
    const worker = new WebhookDeliveryWorker(fake as unknown as WebhooksRepository, config);
    worker.wake();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await worker.onApplicationShutdown();
    expect(fake.pending).toHaveLength(1);
    expect(fake.settled).toEqual([]);
  });
});
