import autocannon, { Result } from 'autocannon';
import { EventEmitter } from 'node:events';

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  connections: number;
  durationSeconds: number;
}

/** One autocannon run: requests/s and latency percentiles (ms) over every 2xx response. */
export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  failures: number;
  seconds: number;
  /** Every 2xx latency, sorted (ms); dropped before results cross a process boundary. */
  latencies?: Float64Array;
}

/** Nearest-rank percentile of a sorted list. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Runs autocannon for a fixed duration. Latencies are taken from every
 * response as autocannon reports it (`response` event, ms), so p95 is exact
 * rather than read off autocannon's fixed percentile buckets (it has p90 and
 * p97.5, no p95). Non-2xx answers and socket errors count as failures.
 */
export async function load(options: LoadOptions): Promise<LoadResult> {
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  let failures = 0;
  const instance = autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    headers: options.headers,
    connections: options.connections,
    duration: options.durationSeconds,
  }) as unknown as Promise<Result> & EventEmitter; // without a callback: the tracker, thenable
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status < 200 || status >= 300) {
      failures++;
      return;
    }
    if (count === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[count++] = ms;
  });
  const result = await instance;
  return summarize(latencies.slice(0, count).sort(), result.duration, failures + result.errors);
}

function summarize(sorted: Float64Array, seconds: number, failures: number): LoadResult {
  return {
    requestsPerSecond: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    requests: sorted.length,
    failures,
    seconds,
    latencies: sorted,
  };
}

/** Several runs of one route as one: total requests over total time, percentiles over all latencies. */
export function merge(results: LoadResult[]): LoadResult {
  const all = new Float64Array(results.reduce((n, r) => n + r.requests, 0));
  let at = 0;
  for (const r of results) {
    all.set(r.latencies ?? [], at);
    at += r.requests;
  }
  const sum = (pick: (r: LoadResult) => number) => results.reduce((n, r) => n + pick(r), 0);
  return summarize(
    all.sort(),
    sum((r) => r.seconds),
    sum((r) => r.failures),
  );
}
