import { normalizeIp } from '@/platform/http/ip-address';

describe('normalizeIp', () => {
  it.each([
    ['1.2.3.4', '1.2.3.4'],
    [' 1.2.3.4 ', '1.2.3.4'],
    ['::ffff:1.2.3.4', '1.2.3.4'],
    ['::FFFF:1.2.3.4', '1.2.3.4'],
    ['::ffff:7f00:1', '127.0.0.1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['1.2.3.4:8080', '1.2.3.4'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['[2001:db8::1]', '2001:db8::1'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeIp(input)).toBe(expected);
  });

  it.each([
    [''],
    ['unknown'],
    ['1.2.3'],
    ['1.2.3.256'],
    ['01.2.3.4'],
    ['2001:db8::g'],
    ['[1.2.3.4]x'],
    ['_hidden'],
  ])('refuses %j', (input) => {
    expect(normalizeIp(input)).toBeNull();
  });
});
