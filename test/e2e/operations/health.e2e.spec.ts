import request from 'supertest';
import { Readiness } from '@/platform/health/readiness';
import { createTestApp, TestApp } from '@test/support/test-app';

describe('health: /health, /health/live, /health/ready', () => {
  let testApp: TestApp;
  beforeAll(async () => (testApp = await createTestApp()));
  afterAll(() => testApp.close());

  it('keeps /health and answers live and ready while all is well', async () => {
    expect((await request(testApp.server).get('/health')).status).toBe(200);
    expect((await request(testApp.server).get('/health/live')).body).toMatchObject({
      status: 'ok',
    });
    const ready = await request(testApp.server).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info).toEqual({
      process: { status: 'up' },
      database: { status: 'up' },
      migrations: { status: 'up' },
    });
  });

  it('is not ready while a migration this build knows is missing from the database', async () => {
    const [last] = await testApp.database.dataSource.query(
      'SELECT * FROM migrations ORDER BY id DESC LIMIT 1',
    );
    await testApp.database.dataSource.query('DELETE FROM migrations WHERE id = $1', [last.id]);
    try {
      const ready = await request(testApp.server).get('/health/ready');
      expect(ready.status).toBe(503);
      expect((await request(testApp.server).get('/health/live')).status).toBe(200);
    } finally {
      await testApp.database.dataSource.query(
        'INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)',
        [last.id, last.timestamp, last.name],
      );
    }
    expect((await request(testApp.server).get('/health/ready')).status).toBe(200);
  });

  it('is not ready once a shutdown has begun, while liveness still answers', async () => {
    testApp.app.get(Readiness).beforeApplicationShutdown();
    const ready = await request(testApp.server).get('/health/ready');
    expect(ready.status).toBe(503);
    expect(JSON.stringify(ready.body)).toContain('An error has occurred.');
    expect((await request(testApp.server).get('/health/live')).status).toBe(200);
  });
});
