import { RunningService, startService } from '@test/support/service-process';
import {
  createFreshDatabase,
  onDiskPglite,
  SERVICE_ADMIN,
  serviceCall,
  serviceEnv,
  serviceLogin,
} from '@test/support/service-fixtures';
import { TEST_PASSWORD } from '@test/support/test-app';
import { TEST_WEBHOOK_SECRET, WebhookReceiver } from '@test/support/webhook-receiver';

interface Backend {
  name: string;
  prepare(): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }>;
}

const pglite: Backend = {
  name: 'PGlite (DATA_DIR on disk)',
  async prepare() {
    return onDiskPglite('sg-webhook-crash-');
  },
};

const postgres: Backend = {
  name: 'PostgreSQL (fresh database)',
  async prepare() {
    const fresh = await createFreshDatabase(process.env.DATABASE_URL!, 'sg_webhook');
    return { env: { DATABASE_URL: fresh.url }, cleanup: () => fresh.drop() };
  },
};

const webhookEnv = (receiver: WebhookReceiver, extra: Record<string, string> = {}) =>
  serviceEnv({
    WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    WEBHOOK_URLS: receiver.url,
    WEBHOOK_POLL_MS: '50',
    WEBHOOK_RETRY_BASE_MS: '100',
    WEBHOOK_RETRY_MAX_MS: '500',
    ...extra,
  });

const backends = [pglite, ...(process.env.DATABASE_URL ? [postgres] : [])];

describe.each(backends)('webhook delivery survives SIGKILL: $name', (backend) => {
  let prepared: Awaited<ReturnType<Backend['prepare']>>;
  let receiver: WebhookReceiver;
  let service: RunningService | undefined;

  beforeAll(async () => {
    prepared = await backend.prepare();
    receiver = await WebhookReceiver.start(TEST_WEBHOOK_SECRET);
  });
  afterAll(async () => {
    if (service && service.process.exitCode === null) await service.stop('SIGKILL');
    await receiver?.close();
    await prepared?.cleanup();
  });

  it('an event in flight and one committed but not yet sent are both delivered after a restart', async () => {
    // The lease (3 s) outlives the attempt timeout (2 s): after the kill the claim runs out and the
    // restarted service takes the delivery again.
    const env = webhookEnv(receiver, { WEBHOOK_TIMEOUT_MS: '2000', WEBHOOK_LEASE_MS: '3000' });
    receiver.hang = true;
    service = await startService({ ...env, ...prepared.env }, 150_000);
    const admin = await serviceLogin(
      service.baseUrl,
      SERVICE_ADMIN.username,
      SERVICE_ADMIN.password,
    );
    await receiver.waitFor(() => receiver.hungIds.length >= 1);
    // Committed right before the kill: its delivery cannot have happened.
    const logout = await serviceCall(service.baseUrl, 'POST', '/Auth/Logout', admin.accessToken);
    expect(logout.status).toBe(200);
    service.process.kill('SIGKILL');
    await service.stop('SIGKILL');
    expect(receiver.received).toHaveLength(0);
    const inFlight = receiver.hungIds[0];

    receiver.hang = false;
    service = await startService({ ...env, ...prepared.env }, 150_000);
    // The in-flight delivery comes back only once its lease (3 s) has run out, so it may
    // well arrive after the events the restarted service sends at once: wait for both.
    await receiver.waitFor(
      () =>
        receiver.accepted().some((e) => e.id === inFlight) &&
        receiver
          .accepted()
          .some((e) => e.type === 'session.ended' && e.data.sessionId === admin.sessionId),
      60_000,
    );
    const accepted = receiver.accepted();
    expect(accepted.map((e) => e.id)).toContain(inFlight);
    expect(accepted.filter((e) => e.data.sessionId === admin.sessionId).map((e) => e.type)).toEqual(
      expect.arrayContaining(['session.created', 'session.ended']),
    );
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(await service.stop('SIGTERM')).toBe(0);
  }, 420_000);
});

const cluster = process.env.DATABASE_URL ? describe : describe.skip;

cluster('two instances on one PostgreSQL database share the deliveries', () => {
  const LOGINS = 40;
  let receiver: WebhookReceiver;
  let services: RunningService[] = [];
  let drop: (() => Promise<void>) | undefined;

  afterAll(async () => {
    for (const service of services)
      if (service.process.exitCode === null) await service.stop('SIGKILL');
    await receiver?.close();
    await drop?.();
  });

  it('every event is delivered, none twice (leases never ran out), nothing left pending', async () => {
    const fresh = await createFreshDatabase(process.env.DATABASE_URL!, 'sg_webhook_pair');
    drop = fresh.drop;
    receiver = await WebhookReceiver.start(TEST_WEBHOOK_SECRET);
    const env = webhookEnv(receiver, { DATABASE_URL: fresh.url, WEBHOOK_LEASE_MS: '60000' });
    services = [await startService(env, 150_000)];
    services.push(await startService(env, 150_000));
    const [a, b] = services;
    const admin = await serviceLogin(a.baseUrl, SERVICE_ADMIN.username, SERVICE_ADMIN.password);
    const created = await serviceCall(a.baseUrl, 'POST', '/api/admin/v1/users', admin.accessToken, {
      UserName: 'pair-user',
      Password: TEST_PASSWORD,
    });
    expect(created.status).toBe(201);
    const sessionIds = await Promise.all(
      Array.from({ length: LOGINS }, (_, i) =>
        serviceLogin((i % 2 ? b : a).baseUrl, 'pair-user').then((login) => login.sessionId),
      ),
    );
    await receiver.waitFor(
      () =>
        sessionIds.every((id) =>
          receiver.accepted().some((e) => e.type === 'session.created' && e.data.sessionId === id),
        ),
      30_000,
    );
    // Give a duplicate the chance to show up.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const ids = receiver.received.map((r) => r.event.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(receiver.received.every((r) => r.verified && r.status === 204)).toBe(true);
    const deliveries = await serviceCall(
      a.baseUrl,
      'GET',
      '/api/admin/v1/webhooks/deliveries?state=pending',
      admin.accessToken,
    );
    expect((deliveries.body as { TotalCount: number }).TotalCount).toBe(0);
    for (const service of services) expect(await service.stop('SIGTERM')).toBe(0);
  }, 420_000);
});
