import { LoadResult } from './load';

export interface Row {
  route: string;
  result: LoadResult;
  /** requests/s over the bare app (the yardstick)'s, when the row is compared with it. */
  ratio?: number;
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

/** One markdown table: route, requests/s, p50, p95, p99 (ms), ratio to the yardstick. */
export function table(rows: Row[]): string {
  const lines = [
    '| route | req/s | p50 ms | p95 ms | p99 ms | vs bare app | failures |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const { route, result, ratio } of rows) {
    lines.push(
      `| ${route} | ${Math.round(result.requestsPerSecond)} | ${fixed(result.p50)} | ${fixed(result.p95)} | ` +
        `${fixed(result.p99)} | ${ratio === undefined ? '' : `${Math.round(ratio * 100)}%`} | ${result.failures} |`,
    );
  }
  return lines.join('\n');
}

export interface Target {
  name: string;
  measured: string;
  met: boolean;
}

export function targets(list: Target[]): string {
  return list.map((t) => `${t.met ? 'MEETS' : 'MISSES'}  ${t.name}: ${t.measured}`).join('\n');
}
