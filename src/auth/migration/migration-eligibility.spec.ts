import { mayAskLegacyService } from './migration-eligibility';

describe('mayAskLegacyService', () => {
  it('sends names a user could be created with, and passwords argon2 hashes as typed', () => {
    expect(mayAskLegacyService('ana.lopez', 'secret')).toBe(true);
    expect(mayAskLegacyService('Zoë', 'short')).toBe(true);
    expect(mayAskLegacyService('x'.repeat(256), 'p'.repeat(1024))).toBe(true);
    expect(mayAskLegacyService('ana', '😀'.repeat(1024))).toBe(true);
  });

  it.each([
    ['a colon (Basic splits at it)', 'bob:x', 'y'],
    ['a space', 'ana lopez', 'secret'],
    ['a control character', 'ana\u0007', 'secret'],
    ['U+0000', 'ana\u0000', 'secret'],
    ['an unpaired surrogate', 'ana\uD800', 'secret'],
    ['an empty name', '', 'secret'],
    ['a name over 256 characters', 'x'.repeat(257), 'secret'],
    ['an empty password', 'ana', ''],
    ['a password over 1024 characters', 'ana', 'p'.repeat(1025)],
    ['a password with U+0000', 'ana', 'se\u0000cret'],
    ['a password with an unpaired surrogate', 'ana', 'se\uDC00cret'],
  ])('sends nothing for %s', (_label, username, password) => {
    expect(mayAskLegacyService(username, password)).toBe(false);
  });
});
