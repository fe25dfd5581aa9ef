import { parseNetwork, toRevokeWhereInput } from './revoke-where-input';
import { RevokeWhereRequest } from './session.contract';

const body = (fields: Partial<RevokeWhereRequest>) =>
  Object.assign(new RevokeWhereRequest(), fields);
const codeOf = (fields: Partial<RevokeWhereRequest>) => {
  try {
    toRevokeWhereInput(body(fields));
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'accepted';
};

describe('toRevokeWhereInput', () => {
  it('refuses a request without any filter, also when every filter is blank', () => {
    expect(codeOf({})).toBe('NoFilter');
    expect(codeOf({ DryRun: true })).toBe('NoFilter');
    expect(codeOf({ User: ' ', Ip: '', Channel: null })).toBe('NoFilter');
  });

  it('reads each filter into canonical criteria, and what the audit event records', () => {
    const input = toRevokeWhereInput(
      body({
        User: '83BDE819-EC08-4CEE-B635-884145630D0B',
        Ip: '10.1.2.3/8',
        UserAgentContains: 'Firefox',
        CreatedAfter: '2026-01-01',
        CreatedBefore: '2026-02-01T00:00:00+01:00',
        Channel: 'V2',
        DryRun: true,
      }),
    );
    expect(input.dryRun).toBe(true);
    expect(input.criteria).toEqual({
      userGuid: '83bde819-ec08-4cee-b635-884145630d0b',
      network: '10.1.2.3/8',
      userAgentContains: 'Firefox',
      createdAfter: new Date('2026-01-01T00:00:00Z'),
      createdBefore: new Date('2026-01-31T23:00:00Z'),
      channel: 'v2',
    });
    expect(input.audited).toEqual({
      user: '83bde819-ec08-4cee-b635-884145630d0b',
      ip: '10.1.2.3/8',
      userAgentContains: 'Firefox',
      createdAfter: '2026-01-01T00:00:00.000Z',
      createdBefore: '2026-01-31T23:00:00.000Z',
      channel: 'v2',
    });
    expect(toRevokeWhereInput(body({ User: '42' })).criteria).toEqual({ userId: 42 });
  });

  it.each([
    [{ User: 'bob' }, 'InvalidUser'],
    [{ User: '0' }, 'InvalidUser'],
    [{ User: '99999999999' }, 'InvalidUser'],
    [{ Ip: '10.0.0.0/33' }, 'InvalidIp'],
    [{ Ip: '10.0.0/8' }, 'InvalidIp'],
    [{ Ip: '2001:db8::/129' }, 'InvalidIp'],
    [{ Ip: '10.0.0.1:80' }, 'InvalidIp'],
    [{ Ip: '10.0.0.0/8/8' }, 'InvalidIp'],
    [{ Ip: '10.0.0.0/-1' }, 'InvalidIp'],
    [{ Ip: 'fe80::1%eth0' }, 'InvalidIp'],
    [{ Ip: '10.0.0.0\u0000/8' }, 'InvalidIp'],
    [{ UserAgentContains: 'a\u0000b' }, 'InvalidUserAgent'],
    [{ UserAgentContains: 'x\ud800' }, 'InvalidUserAgent'],
    [{ UserAgentContains: 'x'.repeat(513) }, 'InvalidUserAgent'],
    [{ User: '1'.repeat(100_000) }, 'InvalidUser'],
    [{ CreatedBefore: 'yesterday' }, 'InvalidDate'],
    [{ CreatedAfter: '2026-02-30' }, 'InvalidDate'],
    [{ CreatedAfter: '2026-02-01', CreatedBefore: '2026-01-01' }, 'InvalidDateRange'],
    [{ Channel: 'web' }, 'InvalidChannel'],
  ])('%j is 400 %s', (fields, code) => {
    expect(codeOf(fields)).toBe(code);
  });
});

describe('parseNetwork', () => {
  it.each([
    ['192.0.2.7', '192.0.2.7'],
    ['192.0.2.0/24', '192.0.2.0/24'],
    ['2001:DB8:0:0::1', '2001:db8::1'],
    ['2001:db8::/32', '2001:db8::/32'],
    ['::ffff:10.0.0.0/104', '10.0.0.0/8'],
    ['::ffff:10.0.0.1', '10.0.0.1'],
  ])('%s → %s', (text, canonical) => {
    expect(parseNetwork(text)).toBe(canonical);
  });
});
