import { decryptPrivateKey, encryptPrivateKey } from './key-encryption';

const PEM = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n';
const SECRET = 'k'.repeat(40);

describe('encryptPrivateKey / decryptPrivateKey', () => {
  it('round-trips, and the stored text contains no trace of the key', () => {
    const sealed = encryptPrivateKey(PEM, SECRET, 'kid-1');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('PRIVATE');
    expect(sealed).not.toContain('MC4CAQAwBQYDK2VwBCIEIA');
    expect(decryptPrivateKey(sealed, SECRET, 'kid-1')).toBe(PEM);
  });

  it('uses a fresh IV each time', () => {
    expect(encryptPrivateKey(PEM, SECRET, 'k')).not.toBe(encryptPrivateKey(PEM, SECRET, 'k'));
  });

  it('answers null for another secret, another row (kid), or a tampered ciphertext', () => {
    const sealed = encryptPrivateKey(PEM, SECRET, 'kid-1');
    expect(decryptPrivateKey(sealed, 'x'.repeat(40), 'kid-1')).toBeNull();
    expect(decryptPrivateKey(sealed, SECRET, 'kid-2')).toBeNull();
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    parts[3] = flipped.toString('base64url');
    expect(decryptPrivateKey(parts.join('.'), SECRET, 'kid-1')).toBeNull();
    expect(decryptPrivateKey('v2.a.b.c', SECRET, 'kid-1')).toBeNull();
    expect(decryptPrivateKey('garbage', SECRET, 'kid-1')).toBeNull();
  });
});
