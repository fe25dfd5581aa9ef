import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

type PoolStats = { totalCount: number; idleCount: number; waitingCount: number };

/** Every metric name carries the application's prefix, so a shared Prometheus tells services apart. */
export const METRIC_PREFIX = 'session_gateway_';

/**
 * Prometheus metrics of this instance (`GET /metrics`). Nothing here may move
 * differently for a real and an unknown account (that would tell which
 * accounts exist): failed logins are counted by outcome and channel only, and
 * lockouts, which only real accounts reach, are not counted (the audit trail
 * records them).
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly requests = new Counter({
    name: `${METRIC_PREFIX}http_requests_total`,
    help: 'HTTP requests by route, status and negotiated media type',
    labelNames: ['method', 'route', 'status', 'media_type'] as const,
    registers: [this.registry],
  });

  readonly latency = new Histogram({
    name: `${METRIC_PREFIX}http_request_duration_seconds`,
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly logins = new Counter({
    name: `${METRIC_PREFIX}logins_total`,
    help: 'Password logins and re-checks by outcome (succeeded, failed) and channel',
    labelNames: ['outcome', 'channel'] as const,
    registers: [this.registry],
  });

  /** Label children by their label values: prom-client would otherwise hash the labels on every request. */
  private readonly perRequest = new Map<
    string,
    { count: { inc(): void }; latency: { observe(seconds: number): void } }
  >();

  /**
   * Counts one finished request and its latency. `route` is the route pattern
   * (never the raw URL) and the other labels come from bounded sets, so the
   * children kept here stay bounded too.
   */
  recordRequest(
    method: string,
    route: string,
    status: number,
    mediaType: string,
    seconds: number,
  ): void {
    const key = `${method} ${route} ${status} ${mediaType}`;
    let children = this.perRequest.get(key);
    if (!children) {
      const code = String(status);
      children = {
        count: this.requests.labels({ method, route, status: code, media_type: mediaType }),
        latency: this.latency.labels({ method, route, status: code }),
      };
      this.perRequest.set(key, children);
    }
    children.count.inc();
    children.latency.observe(seconds);
  }

  constructor(dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
    // The exact runtime version is an attacker's shopping list, not an operator's signal.
    this.registry.removeSingleMetric(`${METRIC_PREFIX}nodejs_version_info`);
    new Gauge({
      name: `${METRIC_PREFIX}sessions_active`,
      help: 'Active sessions (from the per-user counters)',
      registers: [this.registry],
      async collect() {
        const [{ total }] = await dataSource.query(
          `SELECT COALESCE(sum(active_session_count), 0)::bigint AS total FROM users WHERE active_session_count > 0`,
        );
        this.set(Number(total));
      },
    });
    new Gauge({
      name: `${METRIC_PREFIX}db_pool_connections`,
      help: 'Database pool connections by state (total, idle, waiting clients)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const pool = (dataSource.driver as unknown as { master?: PoolStats }).master;
        if (!pool) return;
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }
}
