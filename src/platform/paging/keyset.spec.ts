import { decodeCursor, encodeCursor, MAX_CURSOR_LENGTH } from './keyset';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

describe('keyset cursors', () => {
  it('round-trips a position for its scope and shape', () => {
    const cursor = encodeCursor('list:name', { page: 7, key: ['émile', 42] });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('list:name', cursor, ['text', 'int'])).toEqual({
      page: 7,
      key: ['émile', 42],
    });
  });

  it('refuses a cursor issued for another list or order', () => {
    const cursor = encodeCursor('list:name', { page: 2, key: ['a', 1] });
    expect(decodeCursor('list:count', cursor, ['int', 'int'])).toBeNull();
    expect(decodeCursor('list:count', cursor, ['text', 'int'])).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('{nope').toString('base64url')],
    ['not an array', b64({ scope: 'user-sessions' })],
    ['too few parts', b64(['user-sessions', 2])],
    ['too many parts', b64(['user-sessions', 2, 1, 2])],
    ['page 1 (page 1 has no cursor)', b64(['user-sessions', 1, 5])],
    ['a fractional page', b64(['user-sessions', 2.5, 5])],
    ['an unsafe integer key', b64(['user-sessions', 2, 2 ** 60])],
    ['a string where an int belongs', b64(['user-sessions', 2, '5'])],
    ['too long', 'A'.repeat(MAX_CURSOR_LENGTH + 1)],
  ])('refuses %s', (_label, text) => {
    expect(decodeCursor('user-sessions', text, ['int'])).toBeNull();
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['a lone surrogate', 'a\ud800b'],
    ['an overlong name', 'x'.repeat(513)],
  ])('refuses a text key holding %s', (_label, key) => {
    expect(decodeCursor('list:name', b64(['list:name', 2, key, 1]), ['text', 'int'])).toBeNull();
  });
});
