import { DomainError } from '@/platform/errors/domain-error';
import { parseGuid, parsePaging, parseSearch, queryValue } from './admin-query';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? `${error.status} ${error.code}` : String(error);
  }
  return undefined;
}

describe('parsePaging', () => {
  it('defaults to page 1 of 20', () => {
    expect(parsePaging({})).toEqual({ page: 1, pageSize: 20 });
  });

  it('reads page and pageSize case-insensitively', () => {
    expect(parsePaging({ Page: '3', PAGESIZE: '200' })).toEqual({ page: 3, pageSize: 200 });
  });

  it.each([
    { page: 'abc' },
    { page: '0' },
    { page: '-1' },
    { page: '+1' },
    { page: '1.0' },
    { page: '' },
    { page: ' 1' },
    { page: '2000000000' },
    { pageSize: '201' },
    { pageSize: '0' },
    { pageSize: '0x10' },
    { page: ['1', '2'] },
    { page: { $gt: '1' } },
    { page: '1', PAGE: '1' },
  ])('rejects %j with 400 InvalidPaging', (query) => {
    expect(codeOf(() => parsePaging(query))).toBe('400 InvalidPaging');
  });
});

describe('parseGuid', () => {
  it('lower-cases a D-form GUID', () => {
    expect(parseGuid('83BDE819-EC08-4CEE-B635-884145630D0B')).toBe(
      '83bde819-ec08-4cee-b635-884145630d0b',
    );
  });

  it.each([
    '',
    'x',
    '83bde819ec084ceeb635884145630d0b',
    '{83bde819-ec08-4cee-b635-884145630d0b}',
    null,
    undefined,
  ])('rejects %p with 400 InvalidGuid', (text) => {
    expect(codeOf(() => parseGuid(text))).toBe('400 InvalidGuid');
  });
});

describe('parseSearch', () => {
  it('trims, and treats blank as no search', () => {
    expect(parseSearch({ search: '  ana ' })).toBe('ana');
    expect(parseSearch({ search: '   ' })).toBeUndefined();
    expect(parseSearch({})).toBeUndefined();
  });

  it('rejects an overlong search', () => {
    expect(codeOf(() => parseSearch({ search: 'a'.repeat(257) }))).toBe('400 InvalidSearch');
  });
});

describe('queryValue', () => {
  it('finds a parameter whatever its case, undefined when absent', () => {
    expect(queryValue({ UserGuid: 'x' }, 'userGuid', 'Bad')).toBe('x');
    expect(queryValue({}, 'userGuid', 'Bad')).toBeUndefined();
  });

  it('rejects a repeated parameter with the given code', () => {
    expect(codeOf(() => queryValue({ a: ['1', '2'] }, 'a', 'Bad'))).toBe('400 Bad');
  });
});
