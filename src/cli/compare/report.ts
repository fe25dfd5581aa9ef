import { compareResponses, RecordedResponse, Verdict } from './differ';
import { RecordedRequest } from './recording';
import { UserRule, rulesFor } from './rules';

const GUID_SEGMENT =
  /^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/;

/** `POST /api/users/42/sessions?x=1` → `POST /api/users/{n}/sessions`: one route per template. */
export function routeOf(method: string, path: string): string {
  const [pathOnly] = path.split('?');
  const template = pathOnly
    .split('/')
    .map((segment) =>
      /^\d+$/.test(segment) ? '{n}' : GUID_SEGMENT.test(segment) ? '{guid}' : segment,
    )
    .join('/');
  return `${method} ${template}`;
}

export type Outcome = Verdict | { status: 'error'; side: 'legacy' | 'candidate'; message: string };

export interface RequestResult {
  source: string;
  method: string;
  path: string;
  route: string;
  outcome: Outcome;
}

export interface RouteSummary {
  route: string;
  requests: number;
  identical: number;
  equal: number;
  different: number;
  error: number;
}

export interface CompareReport {
  ok: boolean;
  requests: RequestResult[];
  routes: RouteSummary[];
  total: Omit<RouteSummary, 'route'>;
}

export type Send = (
  side: 'legacy' | 'candidate',
  request: RecordedRequest,
) => Promise<RecordedResponse>;

/**
 * One request at a time, in recorded order (a recording may log in, then use
 * the session); each request goes to both services at once.
 */
export async function compareAll(
  requests: RecordedRequest[],
  send: Send,
  rules: UserRule[],
  onResult: (result: RequestResult) => unknown = () => undefined,
): Promise<CompareReport> {
  const results: RequestResult[] = [];
  for (const request of requests) {
    const route = routeOf(request.method, request.path);
    const [legacy, candidate] = await Promise.allSettled([
      send('legacy', request),
      send('candidate', request),
    ]);
    let outcome: Outcome;
    if (legacy.status === 'rejected')
      outcome = { status: 'error', side: 'legacy', message: messageOf(legacy.reason) };
    else if (candidate.status === 'rejected')
      outcome = { status: 'error', side: 'candidate', message: messageOf(candidate.reason) };
    else outcome = compareResponses(legacy.value, candidate.value, rulesFor(rules, route));
    const result = {
      source: request.source,
      method: request.method,
      path: request.path,
      route,
      outcome,
    };
    results.push(result);
    await onResult(result);
  }
  return summarise(results);
}

function messageOf(reason: unknown): string {
  const error = reason as NodeJS.ErrnoException;
  return error?.code && !error.message.includes(error.code)
    ? `${error.code} ${error.message}`
    : String(error?.message ?? reason);
}

export function summarise(results: RequestResult[]): CompareReport {
  const routes = new Map<string, RouteSummary>();
  const total = { requests: 0, identical: 0, equal: 0, different: 0, error: 0 };
  for (const { route, outcome } of results) {
    const summary = routes.get(route) ?? {
      route,
      requests: 0,
      identical: 0,
      equal: 0,
      different: 0,
      error: 0,
    };
    routes.set(route, summary);
    summary.requests++;
    summary[outcome.status]++;
    total.requests++;
    total[outcome.status]++;
  }
  return {
    ok: total.different === 0 && total.error === 0,
    requests: results,
    routes: [...routes.values()],
    total,
  };
}

const LABEL: Record<Outcome['status'], string> = {
  identical: 'identical',
  equal: 'equal up to volatile values',
  different: 'DIFFERENT',
  error: 'ERROR',
};

/** The per-request line(s) of the text report. */
export function resultLines(result: RequestResult): string[] {
  const { outcome } = result;
  const head = `${LABEL[outcome.status]}  ${result.method} ${result.path}  (${result.source})`;
  switch (outcome.status) {
    case 'identical':
      return [head];
    case 'equal':
      return [
        head,
        `    volatile: ${outcome.volatile.map((value) => `${value.path} [${value.shape}]`).join(', ')}`,
      ];
    case 'different':
      return [
        head,
        `    first difference at ${outcome.path}`,
        `      legacy:    ${outcome.legacy}`,
        `      candidate: ${outcome.candidate}`,
      ];
    case 'error':
      return [head, `    ${outcome.side} did not answer: ${outcome.message}`];
  }
}

export function summaryLines(report: CompareReport): string[] {
  const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
  const counts = (summary: Omit<RouteSummary, 'route'>) =>
    `${plural(summary.requests, 'request')}: ${summary.identical} identical, ${summary.equal} equal up to volatile values, ${summary.different} different, ${plural(summary.error, 'error')}`;
  return [
    '',
    'Per route:',
    ...report.routes.map((summary) => `  ${summary.route}  ${counts(summary)}`),
    '',
    `Total: ${counts(report.total)} — ${report.ok ? 'the candidate answers as the legacy service' : 'the candidate answers differently'}`,
  ];
}
