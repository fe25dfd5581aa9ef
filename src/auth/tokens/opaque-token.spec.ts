import { createHash } from 'node:crypto';
import { hashOpaqueToken, newOpaqueToken } from '@/auth/tokens/opaque-token';

describe('newOpaqueToken', () => {
  it('is 43 base64url characters encoding exactly 32 bytes', () => {
    const token = newOpaqueToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const bytes = Buffer.from(token, 'base64url');
    expect(bytes).toHaveLength(32);
    expect(bytes.toString('base64url')).toBe(token);
  });

  it('never repeats and looks random', () => {
    const tokens = Array.from({ length: 2000 }, () => newOpaqueToken());
    expect(new Set(tokens).size).toBe(tokens.length);
    // Over 2000 * 256 bits, the share of set bits sits very close to one half.
    let ones = 0;
    for (const token of tokens) {
      for (const byte of Buffer.from(token, 'base64url')) {
        ones += byte.toString(2).split('1').length - 1;
      }
    }
    expect(ones / (tokens.length * 256)).toBeGreaterThan(0.49);
    expect(ones / (tokens.length * 256)).toBeLessThan(0.51);
  });
});

describe('hashOpaqueToken', () => {
  it('is the SHA-256 hex digest of the token text', () => {
    expect(hashOpaqueToken('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const token = newOpaqueToken();
    expect(hashOpaqueToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
  });

  it('is deterministic, 64 lowercase hex characters, and differs from the token', () => {
    const token = newOpaqueToken();
    const hash = hashOpaqueToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOpaqueToken(token)).toBe(hash);
    expect(hash).not.toContain(token);
  });

  it('gives different hashes for tokens differing in one character', () => {
    const token = newOpaqueToken();
    const other = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
    expect(hashOpaqueToken(other)).not.toBe(hashOpaqueToken(token));
  });
});
