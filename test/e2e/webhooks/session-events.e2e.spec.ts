import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { adminGet, adminSend, LoggedIn, login, loggedInUser } from '@test/e2e/admin/admin-fixture';
import { refreshRequest, tokensOf } from '@test/e2e/races/race-helpers';
import { basicAuth, createTestApp, createUserWithPassword, TestApp } from '@test/support/test-app';
import { ExpiredSessionSweeper } from '@/sessions/expired-session.sweeper';
import {
  ReceivedEvent,
  TEST_WEBHOOK_SECRET,
  WebhookReceiver,
} from '@test/support/webhook-receiver';

const MAX_ATTEMPTS = 3;

/**
 * The real app on a fresh database (PGlite, or PostgreSQL with DATABASE_URL),
 * posting to a real HTTP receiver that verifies each signature with its own
 * implementation of the Standard Webhooks text.
 */
describe('session events: signed webhooks from the outbox', () => {
  let testApp: TestApp;
  let receiver: WebhookReceiver;
  let admin: LoggedIn;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start(TEST_WEBHOOK_SECRET);
    testApp = await createTestApp({
      WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      WEBHOOK_URLS: receiver.url,
      WEBHOOK_POLL_MS: '50',
      WEBHOOK_RETRY_BASE_MS: '100',
      WEBHOOK_RETRY_MAX_MS: '300',
      WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_LEASE_MS: '5000',
      LOCKOUT_THRESHOLD: '2',
      // The lazy end of a session whose owner was blocked behind the API's back is seen at once.
      SESSION_CACHE_TTL_MS: '0',
    });
    admin = await loggedInUser(testApp, { roles: ['admin'] });
  }, 180_000);

  afterAll(async () => {
    await testApp?.close();
    await receiver?.close();
  });

  /** Accepted events about `userGuid`, in arrival order. */
  const eventsOf = (userGuid: string): ReceivedEvent[] =>
    receiver.accepted().filter((event) => event.data.userGuid === userGuid);
  /** Type, session and reason of each event, sorted: a batch is posted in parallel, so arrival order is not promised. */
  const summary = (events: ReceivedEvent[]) => sorted(events.map(partsOf));
  const partsOf = (event: ReceivedEvent) =>
    [event.type, event.data.sessionId, event.data.reason].filter((part) => part !== undefined);
  const sorted = (rows: unknown[][]) =>
    [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

  it('announces every session and account change the real routes make, each signed and delivered once', async () => {
    const alice = await createUserWithPassword(testApp);
    const first = await login(testApp, alice);
    // refresh: session.refreshed; reusing the old token: session.ended token_reuse
    const loginRes = await request(testApp.server)
      .post('/Auth/Login')
      .set('Authorization', basicAuth(alice.username, 'correct horse battery'))
      .set('Accept', 'application/json')
      .expect(200);
    const second = tokensOf(loginRes.body);
    const refreshed = await refreshRequest(testApp, second.refreshToken).expect(200);
    expect(tokensOf(refreshed.body).sessionId).toBe(second.sessionId);
    await refreshRequest(testApp, second.refreshToken).expect(401);
    // logout
    await request(testApp.server)
      .post('/Auth/Logout')
      .set('Authorization', first.bearer)
      .expect(200);
    // v2 DELETE by the owner
    const third = await login(testApp, alice);
    await request(testApp.server)
      .delete(`/v2/sessions/${third.sessionId}`)
      .set('Authorization', third.bearer)
      .expect(200);
    // admin revoke, admin revoke-where
    const fourth = await login(testApp, alice);
    await adminSend(testApp, admin, 'post', '/api/admin/v1/authenticated-sessions/revoke', {
      Session: fourth.sessionId,
    }).expect(200);
    const fifth = await login(testApp, alice, 'bulk-target-agent');
    await adminSend(testApp, admin, 'post', '/api/admin/v1/authenticated-sessions/revoke-where', {
      User: alice.guid,
      UserAgentContains: 'BULK-TARGET',
    }).expect(200);
    // expiry, by the sweeper
    const sixth = await login(testApp, alice);
    await testApp.database.dataSource.query(
      `UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [sixth.sessionId],
    );
    expect(await testApp.app.get(ExpiredSessionSweeper).sweep()).toBeGreaterThanOrEqual(1);

    await receiver.waitFor(() => eventsOf(alice.guid).length >= 13);
    expect(summary(eventsOf(alice.guid))).toEqual(
      sorted([
        ['session.created', first.sessionId],
        ['session.created', second.sessionId],
        ['session.refreshed', second.sessionId],
        ['session.ended', second.sessionId, 'token_reuse'],
        ['session.ended', first.sessionId, 'logout'],
        ['session.created', third.sessionId],
        ['session.ended', third.sessionId, 'revoke'],
        ['session.created', fourth.sessionId],
        ['session.ended', fourth.sessionId, 'admin'],
        ['session.created', fifth.sessionId],
        ['session.ended', fifth.sessionId, 'bulk_revoke'],
        ['session.created', sixth.sessionId],
        ['session.ended', sixth.sessionId, 'expired'],
      ]),
    );

    // Account changes through the admin API, each with the sessions it ends.
    const bob = await createUserWithPassword(testApp);
    const bobSession = await login(testApp, bob);
    const path = `/api/admin/v1/users/${bob.guid}`;
    await adminSend(testApp, admin, 'post', `${path}/block`).expect(200);
    await adminSend(testApp, admin, 'post', `${path}/unblock`).expect(200);
    const bobAgain = await login(testApp, bob);
    await adminSend(testApp, admin, 'post', `${path}/reset-password`, {
      NewPassword: 'another long password',
    }).expect(200);
    await adminSend(testApp, admin, 'post', `${path}/disable`).expect(200);
    await receiver.waitFor(() => eventsOf(bob.guid).length >= 8);
    expect(summary(eventsOf(bob.guid))).toEqual(
      sorted([
        ['session.created', bobSession.sessionId],
        ['user.blocked'],
        ['session.ended', bobSession.sessionId, 'user_blocked'],
        ['user.unblocked'],
        ['session.created', bobAgain.sessionId],
        ['user.password_reset'],
        ['session.ended', bobAgain.sessionId, 'password_reset'],
        ['user.disabled'],
      ]),
    );

    // Lockout after LOCKOUT_THRESHOLD failures; a lazily ended session of an owner blocked elsewhere.
    const carol = await createUserWithPassword(testApp);
    const carolSession = await login(testApp, carol);
    for (let i = 0; i < 2; i++)
      await request(testApp.server)
        .post('/Auth/Login')
        .set('Authorization', basicAuth(carol.username, 'wrong password!'))
        .expect(401);
    await testApp.database.dataSource.query(`UPDATE users SET blocked_at = now() WHERE id = $1`, [
      carol.id,
    ]);
    await request(testApp.server).get('/Auth/Session').set('Authorization', carolSession.bearer);
    await receiver.waitFor(() => eventsOf(carol.guid).length >= 3);
    const carolEvents = eventsOf(carol.guid);
    expect(summary(carolEvents)).toEqual(
      sorted([
        ['session.created', carolSession.sessionId],
        ['user.locked_out'],
        ['session.ended', carolSession.sessionId, 'user_inactive'],
      ]),
    );
    const lockedOut = carolEvents.find((event) => event.type === 'user.locked_out');
    expect(Date.parse(lockedOut?.data.lockedUntil as string)).toBeGreaterThan(Date.now());

    // The payload: documented members, and every request verified and answered once.
    const ended = eventsOf(alice.guid).find((event) => event.data.reason === 'logout');
    expect(ended).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'session.ended',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      data: {
        sessionId: first.sessionId,
        userId: alice.id,
        userGuid: alice.guid,
        channel: 'legacy',
        reason: 'logout',
      },
    });
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    for (const r of receiver.received) {
      expect(r.headers['webhook-id']).toBe(r.event.id);
      expect(r.headers['content-type']).toBe('application/json');
    }
    const ids = receiver.received.map((r) => r.event.id);
    expect(new Set(ids).size).toBe(ids.length);
  }, 120_000);

  it('retries with backoff after the receiver fails, keeping the webhook-id', async () => {
    const user = await createUserWithPassword(testApp);
    receiver.failNext = 2;
    const started = Date.now();
    const session = await login(testApp, user);
    await receiver.waitFor(() => eventsOf(user.guid).length === 1);
    const tries = receiver.received.filter((r) => r.event.data.userGuid === user.guid);
    expect(tries.map((r) => r.status)).toEqual([500, 500, 204]);
    expect(new Set(tries.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(tries.every((r) => r.verified)).toBe(true);
    expect(tries[0].event.data.sessionId).toBe(session.sessionId);
    // base 100 ms: the two waits are at least 50 + 100 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    const delivered = await deliveriesOf(tries[0].event.id);
    expect(delivered).toMatchObject([{ State: 'delivered', Attempts: 3, LastStatus: 204 }]);
  }, 60_000);

  it('dead-letters after WEBHOOK_MAX_ATTEMPTS failures; redelivery sends it again', async () => {
    const user = await createUserWithPassword(testApp);
    receiver.failNext = MAX_ATTEMPTS;
    await login(testApp, user);
    const tries = () => receiver.received.filter((r) => r.event.data.userGuid === user.guid);
    await receiver.waitFor(() => tries().length === MAX_ATTEMPTS);
    const eventId = tries()[0].event.id;
    let dead: Array<Record<string, unknown>> = [];
    for (let i = 0; i < 100 && dead.length === 0; i++) {
      const page = await adminGet(
        testApp,
        admin,
        '/api/admin/v1/webhooks/deliveries?state=dead&pageSize=200',
      ).expect(200);
      dead = (page.body.Items as Array<Record<string, unknown>>).filter(
        (item) => item.EventId === eventId,
      );
      if (dead.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(dead).toMatchObject([
      { State: 'dead', Attempts: MAX_ATTEMPTS, LastStatus: 500, EndpointUrl: receiver.url },
    ]);
    // Nothing more is tried once dead.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(tries()).toHaveLength(MAX_ATTEMPTS);

    await adminSend(testApp, admin, 'post', '/api/admin/v1/webhooks/deliveries/redeliver', {
      Delivery: dead[0].Id,
    }).expect(200);
    await receiver.waitFor(() => tries().length === MAX_ATTEMPTS + 1);
    expect(tries()[MAX_ATTEMPTS]).toMatchObject({ status: 204, verified: true });
    expect(tries()[MAX_ATTEMPTS].headers['webhook-id']).toBe(eventId);
    await waitForState(eventId, 'delivered');
    await adminSend(testApp, admin, 'post', '/api/admin/v1/webhooks/deliveries/redeliver', {
      Delivery: 999_999_999,
    }).expect(404, { Message: 'err_DeliveryNotFound' });
  }, 60_000);

  it('delivers to endpoints added through the admin API until they are disabled', async () => {
    const second = await WebhookReceiver.start(TEST_WEBHOOK_SECRET, '/second');
    try {
      const added = await adminSend(testApp, admin, 'post', '/api/admin/v1/webhooks', {
        Url: second.url,
      }).expect(201);
      expect(added.body).toMatchObject({ Url: second.url, Source: 'admin', Enabled: true });
      await adminSend(testApp, admin, 'post', '/api/admin/v1/webhooks', { Url: second.url }).expect(
        409,
        { Message: 'err_WebhookExists' },
      );
      const listed = await adminGet(testApp, admin, '/api/admin/v1/webhooks').expect(200);
      expect(listed.body.Items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ Url: receiver.url, Source: 'config', Enabled: true }),
          expect.objectContaining({ Url: second.url, Source: 'admin', Enabled: true }),
        ]),
      );

      const user = await createUserWithPassword(testApp);
      await login(testApp, user);
      await second.waitFor(() => second.accepted().some((e) => e.data.userGuid === user.guid));
      await receiver.waitFor(() => eventsOf(user.guid).length === 1);
      expect(second.received.every((r) => r.verified)).toBe(true);

      await adminSend(testApp, admin, 'post', '/api/admin/v1/webhooks/disable', {
        Id: added.body.Id,
      }).expect(200, { Success: true });
      await adminSend(testApp, admin, 'post', '/api/admin/v1/webhooks/disable', {
        Id: added.body.Id,
      }).expect(409, { Message: 'err_AlreadyDisabled' });
      await adminSend(testApp, admin, 'post', '/api/admin/v1/webhooks/disable', {
        Id: 999_999,
      }).expect(404, { Message: 'err_WebhookNotFound' });
      const later = await createUserWithPassword(testApp);
      await login(testApp, later);
      await receiver.waitFor(() => eventsOf(later.guid).length === 1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(second.received.some((r) => r.event.data.userGuid === later.guid)).toBe(false);
    } finally {
      await second.close();
    }
  }, 60_000);

  it.each([
    ['plain http to a public host', 'http://hooks.example.com/x'],
    ['plain http to a private address', 'http://10.0.0.1/x'],
    ['credentials in the URL', 'https://user:secret@hooks.example.com/x'],
    ['a file URL', 'file:///etc/passwd'],
    ['a gopher URL', 'gopher://127.0.0.1:6379/_FLUSHALL'],
    ['a relative URL', '/hook'],
    ['a NUL', 'https://hooks.example.com/\u0000'],
    ['a lone surrogate', 'https://hooks.example.com/\ud800'],
    ['a huge URL', `https://hooks.example.com/${'a'.repeat(100_000)}`],
  ])('refuses an endpoint with %s: 400 err_InvalidUrl, nothing stored', async (_, url) => {
    const before = await endpointCount();
    await adminSend(testApp, admin, 'post', '/api/admin/v1/webhooks', { Url: url }).expect(400, {
      Message: 'err_InvalidUrl',
    });
    expect(await endpointCount()).toBe(before);
  });

  it('refuses every webhook route to a caller without admin, even one who may end sessions', async () => {
    const manager = await loggedInUser(testApp, { roles: ['session-manager'] });
    const before = await endpointCount();
    const refused = { Message: 'err_PermissionDenied' };
    await adminGet(testApp, manager, '/api/admin/v1/webhooks').expect(403, refused);
    await adminGet(testApp, manager, '/api/admin/v1/webhooks/deliveries').expect(403, refused);
    await adminSend(testApp, manager, 'post', '/api/admin/v1/webhooks', {
      Url: 'https://attacker.example/collect',
    }).expect(403, refused);
    await adminSend(testApp, manager, 'post', '/api/admin/v1/webhooks/disable', { Id: 1 }).expect(
      403,
      refused,
    );
    await adminSend(testApp, manager, 'post', '/api/admin/v1/webhooks/deliveries/redeliver', {
      Delivery: 1,
    }).expect(403, refused);
    await request(testApp.server).get('/api/admin/v1/webhooks').expect(401);
    expect(await endpointCount()).toBe(before);
    const enabled = await testApp.database.dataSource.query(
      `SELECT count(*)::int AS n FROM webhook_endpoints WHERE enabled`,
    );
    expect(enabled[0].n).toBeGreaterThanOrEqual(1);
  });

  it('rejects a malformed deliveries filter with 400 err_InvalidState', async () => {
    await adminGet(testApp, admin, '/api/admin/v1/webhooks/deliveries?state=lost').expect(400, {
      Message: 'err_InvalidState',
    });
    await adminGet(
      testApp,
      admin,
      `/api/admin/v1/webhooks/deliveries?state=${randomUUID()}\u0000`,
    ).expect(400);
  });

  async function endpointCount(): Promise<number> {
    const [{ n }] = await testApp.database.dataSource.query(
      `SELECT count(*)::int AS n FROM webhook_endpoints`,
    );
    return n;
  }

  async function deliveriesOf(eventId: string): Promise<Array<Record<string, unknown>>> {
    const page = await adminGet(
      testApp,
      admin,
      '/api/admin/v1/webhooks/deliveries?pageSize=200',
    ).expect(200);
    return (page.body.Items as Array<Record<string, unknown>>).filter(
      (item) => item.EventId === eventId,
    );
  }

  async function waitForState(eventId: string, state: string): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const [row] = await deliveriesOf(eventId);
      if (row?.State === state) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`delivery of ${eventId} never became ${state}`);
  }
});
