import { parseAuditQuery, parseIsoInstant } from './audit-query';

describe('parseIsoInstant', () => {
  it.each([
    ['2024-05-20', '2024-05-20T00:00:00.000Z'],
    ['2024-05-20T10:42', '2024-05-20T10:42:00.000Z'],
    ['2024-05-20T10:42:50Z', '2024-05-20T10:42:50.000Z'],
    ['2024-05-20T10:42:50.1234567Z', '2024-05-20T10:42:50.123Z'],
    ['2024-05-20T10:42:50-06:00', '2024-05-20T16:42:50.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(parseIsoInstant(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '',
    'yesterday',
    '2024-02-30',
    '2024-13-01',
    '2024-05-20T24:00:00Z',
    '2024-05-20 10:00',
    '20240520',
    '2024-05-20T10:42:50.12345678Z',
  ])('rejects %p', (text) => {
    expect(parseIsoInstant(text)).toBeNull();
  });
});

describe('parseAuditQuery', () => {
  it('reads every filter', () => {
    expect(
      parseAuditQuery({
        userGuid: '83BDE819-EC08-4CEE-B635-884145630D0B',
        UserId: '4',
        action: 'user.blocked',
        from: '2024-01-01',
        to: '2024-02-01',
      }),
    ).toEqual({
      userGuid: '83bde819-ec08-4cee-b635-884145630d0b',
      userId: 4,
      action: 'user.blocked',
      from: new Date('2024-01-01T00:00:00Z'),
      to: new Date('2024-02-01T00:00:00Z'),
    });
  });

  it('ignores blank dates and actions', () => {
    expect(parseAuditQuery({ from: '', action: '' })).toEqual({ from: undefined, to: undefined });
  });

  it.each([
    [{ userGuid: 'x' }, 'InvalidGuid'],
    [{ userId: '-3' }, 'InvalidUserId'],
    [{ userId: '99999999999' }, 'InvalidUserId'],
    [{ action: 'USER.BLOCKED' }, 'InvalidAction'],
    [{ to: 'soon' }, 'InvalidDate'],
    [{ from: '2024-02-02', to: '2024-02-01' }, 'InvalidDateRange'],
  ])('rejects %j with %s', (query, code) => {
    expect(() => parseAuditQuery(query)).toThrow(expect.objectContaining({ code }));
  });
});
