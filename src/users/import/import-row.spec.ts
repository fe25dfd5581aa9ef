import { columnProblems, ImportRecord, parseImportRow } from './import-row';

const ROLES = new Map([
  ['admin', 1],
  ['session-manager', 2],
]);

const row = (overrides: ImportRecord = {}): ImportRecord => ({
  legacy_id: '42',
  username: 'ana',
  ...overrides,
});

function problems(record: ImportRecord) {
  const parsed = parseImportRow(record, ROLES);
  return parsed.ok ? [] : parsed.problems;
}

function user(record: ImportRecord) {
  const parsed = parseImportRow(record, ROLES);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.user;
}

describe('columnProblems', () => {
  it('accepts the listed columns in any order, legacy_id and username required', () => {
    expect(columnProblems(['username', 'legacy_id', 'roles'])).toEqual([]);
    expect(columnProblems(['username'])).toEqual(['the column legacy_id is missing']);
  });

  it('names an unknown (misspelt) and a repeated column', () => {
    expect(columnProblems(['legacy_id', 'username', 'pasword_hash', 'email', 'email'])).toEqual([
      expect.stringContaining('unknown column "pasword_hash"'),
      'the column email appears twice',
    ]);
  });
});

describe('parseImportRow', () => {
  it('reads a full row', () => {
    expect(
      user(
        row({
          email: ' ana@example.com ',
          first_name: 'Ana',
          last_name: 'López',
          created_at: '2015-03-02T10:00:00Z',
          roles: 'admin; session-manager;admin',
          blocked: 'TRUE',
          disabled: '0',
        }),
      ),
    ).toEqual({
      legacyId: 42,
      username: 'ana',
      usernameKey: 'ana',
      email: 'ana@example.com',
      firstName: 'Ana',
      lastName: 'López',
      password: null,
      createdAt: new Date('2015-03-02T10:00:00Z'),
      roleIds: [1, 2],
      blocked: true,
      disabled: false,
    });
  });

  it('keys look-alike usernames as users created here are keyed', () => {
    expect(user(row({ username: 'Ｂｏｂ' })).usernameKey).toBe('bob');
    expect(user(row({ username: 'straße' })).usernameKey).toBe(
      user(row({ username: 'STRASSE' })).usernameKey,
    );
    expect(user(row({ username: 'E\u0301mile' })).usernameKey).toBe(
      user(row({ username: 'émile' })).usernameKey,
    );
  });

  it('takes JSON-lines values: numbers, booleans, role arrays, null', () => {
    const parsed = user({
      legacy_id: 7,
      username: 'bo',
      roles: ['admin'],
      blocked: true,
      email: null,
    });
    expect(parsed).toMatchObject({ legacyId: 7, roleIds: [1], blocked: true, email: null });
  });

  it.each([
    ['0', 'legacy_id'],
    ['-1', 'legacy_id'],
    ['1.5', 'legacy_id'],
    ['2147483648', 'legacy_id'],
    ['', 'legacy_id'],
    ['007', 'legacy_id'],
  ])('refuses legacy_id %j', (legacyId, column) => {
    expect(problems(row({ legacy_id: legacyId }))).toEqual([
      { column, reason: 'expected a whole number from 1 to 2147483647' },
    ]);
  });

  it.each([[''], ['a b'], ['tab\there'], ['x'.repeat(257)]])('refuses username %j', (username) => {
    expect(problems(row({ username }))).toEqual([
      {
        column: 'username',
        reason: 'must be 1 to 256 characters without spaces or control characters',
      },
    ]);
  });

  it.each([
    ['a NUL', 'ana\u0000'],
    ['a lone high surrogate', 'ana\uD800'],
    ['a lone low surrogate', '\uDC00ana'],
  ])('refuses %s in any column, and names the column', (_label, text) => {
    expect(problems(row({ username: text }))).toEqual([
      { column: 'username', reason: 'holds U+0000 or an unpaired surrogate' },
    ]);
    expect(problems(row({ last_name: text }))).toEqual([
      { column: 'last_name', reason: 'holds U+0000 or an unpaired surrogate' },
    ]);
  });

  it('refuses U+FFFD, what bytes that are not UTF-8 were decoded to', () => {
    expect(problems(row({ first_name: 'Jos\uFFFD' }))).toEqual([
      { column: 'first_name', reason: 'is not valid UTF-8 (or holds U+FFFD)' },
    ]);
  });

  it('refuses a bad e-mail, an overlong name, an object where text belongs', () => {
    expect(problems(row({ email: 'no-at-sign' }))).toEqual([
      { column: 'email', reason: 'Email is not an e-mail address' },
    ]);
    expect(problems(row({ first_name: 'x'.repeat(257) }))).toEqual([
      { column: 'first_name', reason: 'first_name must be at most 256 characters' },
    ]);
    expect(problems(row({ email: { at: 'x' } }))).toEqual([
      { column: 'email', reason: 'expected text' },
    ]);
  });

  it.each([
    ['2015-03-02', '2015-03-02T00:00:00.000Z'],
    ['2015-03-02T10:11', '2015-03-02T10:11:00.000Z'],
    ['2015-03-02 10:11:12.5', '2015-03-02T10:11:12.500Z'],
    ['2015-03-02T10:11:12+02:00', '2015-03-02T08:11:12.000Z'],
    ['2015-03-02T10:11:12-0130', '2015-03-02T11:41:12.000Z'],
  ])('reads created_at %j (no offset: UTC)', (text, iso) => {
    expect(user(row({ created_at: text })).createdAt?.toISOString()).toBe(iso);
  });

  it.each([
    ['2021-02-30'],
    ['02/03/2015'],
    ['2015-13-01'],
    ['1800-01-01'],
    ['2999-01-01'],
    ['yesterday'],
  ])('refuses created_at %j', (text) => {
    expect(problems(row({ created_at: text }))).toEqual([
      { column: 'created_at', reason: expect.any(String) },
    ]);
  });

  it('refuses a role nobody defined, so no row gains a role by a typo', () => {
    expect(problems(row({ roles: 'admin;Admin;superuser' }))).toEqual([
      { column: 'roles', reason: 'no role is named "Admin"' },
      { column: 'roles', reason: 'no role is named "superuser"' },
    ]);
  });

  it.each([['yes'], ['2'], ['on']])('refuses the flag %j', (flag) => {
    expect(problems(row({ blocked: flag }))).toEqual([
      { column: 'blocked', reason: 'expected true, false, 1, 0 or empty' },
    ]);
  });

  it('names an unknown key of a JSON line', () => {
    expect(problems(row({ is_admin: true }))).toEqual([
      { column: 'is_admin', reason: 'unknown column' },
    ]);
  });

  it('reports every problem of a row at once', () => {
    expect(
      problems({ legacy_id: 'x', username: '', hash_format: 'md5', blocked: 'maybe' }).map(
        (problem) => problem.column,
      ),
    ).toEqual(['legacy_id', 'username', 'hash_format', 'blocked']);
  });

  it('passes the hash through the format check (details in imported-hash.spec)', () => {
    expect(problems(row({ hash_format: 'argon2id', password_hash: 'nope' }))).toEqual([
      { column: 'password_hash', reason: expect.stringContaining('argon2id PHC') },
    ]);
    const argon = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$' + 'A'.repeat(43);
    expect(user(row({ hash_format: 'argon2id', password_hash: argon })).password).toEqual({
      hash: argon,
      salt: null,
    });
  });
});
