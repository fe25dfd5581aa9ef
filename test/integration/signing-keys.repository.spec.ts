import { randomBytes } from 'node:crypto';
import { newSigningKey, rotateSigningKey, SigningKeys } from '@/auth/tokens/signing-keys';
import { SigningKeysRepository } from '@/auth/tokens/signing-keys.repository';
import { AppConfig, loadConfig } from '@/platform/config';
import { OpenDatabase } from '@/platform/database/database';
import { openTestDatabase } from '@test/support/test-database';

describe('SigningKeysRepository and SigningKeys (real database)', () => {
  let database: OpenDatabase;
  let repository: SigningKeysRepository;
  const secret = randomBytes(32).toString('hex');
  const config = (algorithm: 'EdDSA' | 'RS256'): AppConfig =>
    loadConfig(
      {
        JWT_ALGORITHM: algorithm,
        JWT_KEY_ENCRYPTION_SECRET: secret,
        ACCESS_TOKEN_TTL_SECONDS: '600',
        JWT_KEY_CACHE_TTL_SECONDS: '5',
      },
      () => secret,
    );

  beforeAll(async () => {
    database = await openTestDatabase();
    repository = new SigningKeysRepository(database.dataSource);
  }, 300_000);
  afterAll(() => database.close());

  const current = async (algorithm: string) =>
    (
      await database.dataSource.query(
        `SELECT kid FROM signing_keys WHERE algorithm = $1 AND retired_at IS NULL`,
        [algorithm],
      )
    ).map((row: { kid: string }) => row.kid);

  it('keeps exactly one current key when 8 instances start together on an empty table', async () => {
    const instances = Array.from(
      { length: 8 },
      () => new SigningKeys(config('EdDSA'), new SigningKeysRepository(database.dataSource)),
    );
    await Promise.all(instances.map((instance) => instance.onModuleInit()));
    const kids = await current('EdDSA');
    expect(kids).toHaveLength(1);
    const signing = await Promise.all(instances.map((instance) => instance.signingKey()));
    expect(new Set(signing.map((key) => key.kid))).toEqual(new Set(kids));
  });

  it('of 6 parallel first inserts exactly one wins', async () => {
    const keys = await Promise.all(Array.from({ length: 6 }, () => newSigningKey('RS256', secret)));
    const won = await Promise.all(keys.map((key) => repository.insertIfNoCurrent(key)));
    expect(won.filter(Boolean)).toHaveLength(1);
    expect(await current('RS256')).toEqual([keys[won.indexOf(true)].kid]);
  });

  it('rotates: the old key retired with its private half erased, both usable, current first; expired keys deleted at the next rotation', async () => {
    const [before] = await current('EdDSA');
    const first = await rotateSigningKey(repository, config('EdDSA'));
    expect(first).toEqual({ kid: expect.any(String), retired: [before], overlapSeconds: 605 });
    const usable = await repository.usable('EdDSA');
    expect(usable.map((key) => key.kid)).toEqual([first.kid, before]);
    expect(usable[1]).toMatchObject({ sealedPrivateKey: null, retiredAt: expect.any(Date) });
    expect(usable[1].expiresAt!.getTime() - usable[1].retiredAt!.getTime()).toBe(605_000);

    await database.dataSource.query(`UPDATE signing_keys SET expires_at = now() WHERE kid = $1`, [
      before,
    ]);
    expect((await repository.usable('EdDSA')).map((key) => key.kid)).toEqual([first.kid]);
    const second = await rotateSigningKey(repository, config('EdDSA'));
    const all: Array<{ kid: string }> = await database.dataSource.query(
      `SELECT kid FROM signing_keys WHERE algorithm = 'EdDSA' ORDER BY activated_at`,
    );
    expect(all.map((row) => row.kid)).toEqual([first.kid, second.kid]);
  });

  it('refuses to start when the current key cannot be decrypted (another secret)', async () => {
    const other = loadConfig(
      { JWT_ALGORITHM: 'EdDSA', JWT_KEY_ENCRYPTION_SECRET: 'x'.repeat(40) },
      () => secret,
    );
    await expect(new SigningKeys(other, repository).onModuleInit()).rejects.toThrow(
      /cannot be decrypted/,
    );
  });
});
