import { RecordedResponse } from './differ';
import { RecordedRequest } from './recording';
import { compareAll, resultLines, routeOf, Send, summaryLines } from './report';
import { parseRules } from './rules';

const request = (method: string, path: string, source = 'line 1'): RecordedRequest => ({
  source,
  method,
  path,
  headers: [],
  body: Buffer.alloc(0),
});

const answer = (body: string): RecordedResponse => ({
  status: 200,
  headers: [['content-type', 'application/json']],
  body: Buffer.from(body),
});

describe('routes and the report', () => {
  it('collapses numeric and GUID segments and drops the query', () => {
    expect(routeOf('GET', '/api/users/42/sessions?page=2')).toBe('GET /api/users/{n}/sessions');
    expect(
      routeOf(
        'GET',
        '/v1/authenticated-sessions/user-sessions/83bde819-ec08-4cee-b635-884145630d0b',
      ),
    ).toBe('GET /v1/authenticated-sessions/user-sessions/{guid}');
    expect(routeOf('POST', '/api/Auth?IP=1.2.3.4')).toBe('POST /api/Auth');
    expect(routeOf('GET', '/api/v2/x')).toBe('GET /api/v2/x');
  });

  it('replays in order, classifies each request and sums up per route', async () => {
    const sent: string[] = [];
    const answers: Record<string, [string, string]> = {
      '/a/1': ['{"userID":1}', '{"userID":1}'],
      '/a/2': ['{"userID":2}', '{"userID":3}'],
      '/b': ['{"name":"x"}', '{"name":"y"}'],
    };
    const send: Send = async (side, { path }) => {
      sent.push(`${side} ${path}`);
      if (path === '/down' && side === 'candidate')
        throw Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' });
      return answer(answers[path]?.[side === 'legacy' ? 0 : 1] ?? '{}');
    };
    const lines: string[] = [];
    const report = await compareAll(
      [
        request('GET', '/a/1'),
        request('GET', '/a/2', 'line 2'),
        request('GET', '/b', 'line 3'),
        request('GET', '/down', 'line 4'),
      ],
      send,
      [],
      (result) => lines.push(...resultLines(result)),
    );
    expect(sent).toEqual([
      'legacy /a/1',
      'candidate /a/1',
      'legacy /a/2',
      'candidate /a/2',
      'legacy /b',
      'candidate /b',
      'legacy /down',
      'candidate /down',
    ]);
    expect(report.ok).toBe(false);
    expect(report.routes).toEqual([
      { route: 'GET /a/{n}', requests: 2, identical: 1, equal: 1, different: 0, error: 0 },
      { route: 'GET /b', requests: 1, identical: 0, equal: 0, different: 1, error: 0 },
      { route: 'GET /down', requests: 1, identical: 0, equal: 0, different: 0, error: 1 },
    ]);
    expect(report.total).toEqual({ requests: 4, identical: 1, equal: 1, different: 1, error: 1 });
    expect(lines).toEqual([
      'identical  GET /a/1  (line 1)',
      'equal up to volatile values  GET /a/2  (line 2)',
      '    volatile: $.userID [id (number)]',
      'DIFFERENT  GET /b  (line 3)',
      '    first difference at $.name',
      '      legacy:    "x"',
      '      candidate: "y"',
      'ERROR  GET /down  (line 4)',
      '    candidate did not answer: ECONNREFUSED connect refused',
    ]);
    expect(summaryLines(report).at(-1)).toBe(
      'Total: 4 requests: 1 identical, 1 equal up to volatile values, 1 different, 1 error — the candidate answers differently',
    );
  });

  it('applies a route’s rules to that route only, and is ok when nothing differs', async () => {
    const rules = parseRules({ rules: [{ route: 'GET /b', ignore: ['$.name'] }] });
    const send: Send = async (side) => answer(side === 'legacy' ? '{"name":"x"}' : '{"name":"y"}');
    const scoped = await compareAll([request('GET', '/b'), request('GET', '/c')], send, rules);
    expect(scoped.requests.map((result) => result.outcome.status)).toEqual(['equal', 'different']);
    const onlyB = await compareAll([request('GET', '/b')], send, rules);
    expect(onlyB.ok).toBe(true);
  });
});
