import { ListSessionsRequest } from './contracts';
import { parseTimestampMethod, toSearchFilter } from './search-request';
import { parseSessionId, sessionSearchSql } from '@/sessions/session-search';

describe('v2 search request', () => {
  it.each([
    [null, 'EQUALS'],
    ['TIMESTAMP_QUERY_METHOD_GREATER', 'GREATER'],
    ['timestamp_query_method_less_or_equals', 'LESS_OR_EQUALS'],
    ['3', 'LESS'],
  ])('reads method %p as %p', (text, method) => {
    expect(parseTimestampMethod(text)).toBe(method);
  });

  it('refuses an unknown method', () => {
    expect(() => parseTimestampMethod('5')).toThrow('unknown timestamp query method "5"');
  });

  it('defaults to the first 100, newest first', () => {
    expect(toSearchFilter(null)).toEqual({
      offset: 0,
      limit: 100,
      asc: false,
      idLists: [],
      userIds: [],
      created: [],
      expires: [],
    });
  });

  it('turns queries into filters', () => {
    const at = new Date('2024-06-13T06:44:35.591Z');
    const body = {
      query: { offset: 5, limit: 10, asc: true },
      queries: [
        { idsQuery: { ids: ['1', '2'] } },
        { userIdQuery: { id: 'abc' } },
        { creationDateQuery: { creationDate: at, method: 'TIMESTAMP_QUERY_METHOD_GREATER' } },
      ],
    } as unknown as ListSessionsRequest;
    expect(toSearchFilter(body)).toMatchObject({
      offset: 5,
      limit: 10,
      asc: true,
      idLists: [['1', '2']],
      userIds: ['abc'],
      created: [{ at, method: 'GREATER' }],
    });
  });

  it('only ever puts values in parameters', () => {
    const { sql, params } = sessionSearchSql({
      offset: 0,
      limit: 10,
      asc: false,
      idLists: [["1'; DROP TABLE sessions; --", '7']],
      userIds: ["x' OR 1=1"],
      visibleToUserId: 3,
    });
    expect(sql).not.toContain('DROP');
    expect(sql).not.toContain('OR 1=1');
    expect(params).toEqual([3, [7], 10, 0]);
    expect(sql).toContain('false');
  });

  it.each([
    ['12', 12],
    ['2147483647', 2147483647],
    ['2147483648', null],
    ['0', null],
    ['-1', null],
    ['1e3', null],
  ])('reads session id %p as %p', (text, id) => {
    expect(parseSessionId(text)).toBe(id);
  });
});
