import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import {
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  generateKeyPair,
  KeyObject,
} from 'node:crypto';
import { promisify } from 'node:util';
import { APP_CONFIG, AppConfig, AsymmetricAlgorithm, JwtAlgorithm } from '@/platform/config';
import { DomainError } from '@/platform/errors/domain-error';
import { decryptPrivateKey, encryptPrivateKey } from './key-encryption';
import { jwkThumbprint, PublicJwk, publicJwkOf } from './jws';
import { NewSigningKey, SigningKeysRepository } from './signing-keys.repository';

/** The key new tokens are signed with; `kid` goes into their header (none for HS256). */
export interface SigningKey {
  kid?: string;
  key: KeyObject;
}

interface VerificationKey {
  key: KeyObject;
  /** Epoch ms after which the key verifies nothing (a retired key's overlap is over). */
  expiresAt: number;
}

interface KeySet {
  signing: SigningKey;
  verifying: Map<string, VerificationKey>;
  published: PublicJwk[];
  loadedAt: number;
}

/** An unknown kid re-reads the database at most this often (a rotation done elsewhere). */
const UNKNOWN_KID_RELOAD_MS = 1000;

const generate = promisify(generateKeyPair);

/**
 * How long a retired key stays accepted and published: the longest an access
 * token lives, plus the time another instance may still sign with the key
 * from its cache after the rotation.
 */
export function rotationOverlapSeconds(config: AppConfig): number {
  return config.jwt.accessTokenTtlSeconds + config.jwt.signing.keyCacheTtlSeconds;
}

/** A fresh key pair for `algorithm`, its private half sealed for its row. */
export async function newSigningKey(
  algorithm: AsymmetricAlgorithm,
  encryptionSecret: string,
): Promise<NewSigningKey> {
  const { privateKey, publicKey } =
    algorithm === 'EdDSA'
      ? await generate('ed25519')
      : await generate('rsa', { modulusLength: 2048 });
  const kid = jwkThumbprint(publicKey);
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return {
    kid,
    algorithm,
    publicJwk: publicJwkOf(publicKey, algorithm, kid),
    sealedPrivateKey: encryptPrivateKey(pem, encryptionSecret, kid),
  };
}

/** Why keys:rotate cannot run with this configuration, or undefined when it can. */
export function rotationRefusal(config: AppConfig): string | undefined {
  const { algorithm, privateKeyPem } = config.jwt.signing;
  if (algorithm === 'HS256') {
    return 'keys:rotate needs JWT_ALGORITHM=EdDSA or RS256 (HS256 signs with JWT_SECRET)';
  }
  if (privateKeyPem !== undefined) {
    return (
      'the signing key comes from JWT_PRIVATE_KEY_FILE: rotate by replacing the file ' +
      '(and listing the old public key in JWT_PUBLIC_KEY_FILES)'
    );
  }
  return undefined;
}

/** `keys:rotate`: a new current key; the previous one stays valid for the overlap. */
export async function rotateSigningKey(
  repository: SigningKeysRepository,
  config: AppConfig,
): Promise<{ kid: string; retired: string[]; overlapSeconds: number }> {
  const refusal = rotationRefusal(config);
  if (refusal) throw new DomainError('InvalidArgument', 'KeysNotInDatabase', refusal);
  const { algorithm, keyEncryptionSecret } = config.jwt.signing;
  // Both set: rotationRefusal and the configuration's own checks saw to it.
  const key = await newSigningKey(algorithm as AsymmetricAlgorithm, keyEncryptionSecret!);
  const overlapSeconds = rotationOverlapSeconds(config);
  const retired = await repository.rotate(key, overlapSeconds);
  return { kid: key.kid, retired, overlapSeconds };
}

/**
 * The keys tokens are signed and verified with, for the configured algorithm
 * only (pinning): HS256 with JWT_SECRET; EdDSA/RS256 with key files, or with
 * keys generated into the database, cached for JWT_KEY_CACHE_TTL_SECONDS so a
 * rotation done by the CLI reaches every instance within that time (and at
 * once when a token names a kid this instance has not seen yet).
 */
@Injectable()
export class SigningKeys implements OnModuleInit {
  private readonly logger = new Logger(SigningKeys.name);
  readonly algorithm: JwtAlgorithm;
  private keys?: KeySet;
  private loading?: Promise<KeySet>;
  private lastUnknownKidReload = 0;
  /** Parsed keys by kid, so a reload reuses them (the verifier's memo compares key identity). */
  private readonly parsed = new Map<string, KeyObject>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: SigningKeysRepository,
  ) {
    this.algorithm = config.jwt.signing.algorithm;
  }

  async onModuleInit(): Promise<void> {
    this.keys = await this.load();
  }

  async signingKey(): Promise<SigningKey> {
    return (await this.current()).signing;
  }

  /** The key a token naming `kid` is verified with, or null: unknown, expired, or not a string. */
  async verificationKey(kid: unknown): Promise<KeyObject | null> {
    const keys = await this.current();
    if (this.algorithm === 'HS256') return keys.signing.key;
    if (typeof kid !== 'string') return null;
    let found = keys.verifying.get(kid);
    if (
      !found &&
      this.fromDatabase &&
      Date.now() - this.lastUnknownKidReload > UNKNOWN_KID_RELOAD_MS
    ) {
      this.lastUnknownKidReload = Date.now();
      const loaded = await this.reload().catch(() => undefined);
      if (loaded) found = (this.keys = loaded).verifying.get(kid);
    }
    return found && Date.now() < found.expiresAt ? found.key : null;
  }

  /**
   * The key for `kid` when the cached key set is fresh and holds it, without
   * any I/O; undefined otherwise, and the caller takes `verificationKey`,
   * which reloads as needed. Lets a remembered token be accepted synchronously.
   */
  freshVerificationKey(kid: unknown): KeyObject | undefined {
    const keys = this.keys;
    if (!keys || (this.fromDatabase && Date.now() - keys.loadedAt >= this.ttlMs)) return undefined;
    if (this.algorithm === 'HS256') return keys.signing.key;
    const found = typeof kid === 'string' ? keys.verifying.get(kid) : undefined;
    return found && Date.now() < found.expiresAt ? found.key : undefined;
  }

  /** The public keys a verifier may meet now (current and previous, not yet expired). */
  async publicKeys(): Promise<PublicJwk[]> {
    const keys = await this.current();
    const now = Date.now();
    return keys.published.filter((jwk) => now < (keys.verifying.get(jwk.kid)?.expiresAt ?? 0));
  }

  private get fromDatabase(): boolean {
    return this.algorithm !== 'HS256' && this.config.jwt.signing.privateKeyPem === undefined;
  }

  private async current(): Promise<KeySet> {
    const keys = this.keys;
    if (keys && (!this.fromDatabase || Date.now() - keys.loadedAt < this.ttlMs)) return keys;
    try {
      return (this.keys = await this.reload());
    } catch (error) {
      // The database is briefly away: keep working with the keys we have (expiry is still checked).
      if (!keys) throw error;
      this.logger.warn(`signing keys not reloaded: ${(error as Error).message}`);
      return keys;
    }
  }

  private get ttlMs(): number {
    return this.config.jwt.signing.keyCacheTtlSeconds * 1000;
  }

  /** One reload at a time: requests arriving meanwhile wait for it. */
  private reload(): Promise<KeySet> {
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async load(): Promise<KeySet> {
    const { algorithm } = this;
    const { signing } = this.config.jwt;
    if (algorithm === 'HS256') {
      const key = createSecretKey(Buffer.from(this.config.jwt.secret, 'utf8'));
      return { signing: { key }, verifying: new Map(), published: [], loadedAt: Date.now() };
    }
    if (signing.privateKeyPem !== undefined)
      return this.fromFiles(algorithm, signing.privateKeyPem);
    return this.fromRows(algorithm, signing.keyEncryptionSecret!);
  }

  private fromFiles(algorithm: AsymmetricAlgorithm, privatePem: string): KeySet {
    const privateKey = createPrivateKey(privatePem);
    const publicKeys = [
      createPublicKey(privateKey),
      ...this.config.jwt.signing.previousPublicKeyPems.map((pem) => createPublicKey(pem)),
    ];
    const verifying = new Map<string, VerificationKey>();
    const published: PublicJwk[] = [];
    for (const key of publicKeys) {
      const kid = jwkThumbprint(key);
      if (verifying.has(kid)) continue;
      verifying.set(kid, { key, expiresAt: Infinity });
      published.push(publicJwkOf(key, algorithm, kid));
    }
    return {
      signing: { kid: published[0].kid, key: privateKey },
      verifying,
      published,
      loadedAt: Date.now(),
    };
  }

  private async fromRows(algorithm: AsymmetricAlgorithm, secret: string): Promise<KeySet> {
    let rows = await this.repository.usable(algorithm);
    if (!rows.some((row) => row.retiredAt === null)) {
      await this.repository.insertIfNoCurrent(await newSigningKey(algorithm, secret));
      rows = await this.repository.usable(algorithm);
    }
    const current = rows.find((row) => row.retiredAt === null);
    const pem =
      current?.sealedPrivateKey && decryptPrivateKey(current.sealedPrivateKey, secret, current.kid);
    if (!current || !pem) {
      throw new Error(
        `the current ${algorithm} signing key${current ? ` (${current.kid})` : ''} cannot be decrypted: ` +
          'JWT_KEY_ENCRYPTION_SECRET (or JWT_SECRET) is not the one it was stored with; ' +
          'restore it, or run keys:rotate to make a new key',
      );
    }
    const kept = new Set(rows.flatMap((row) => [`public:${row.kid}`, `private:${row.kid}`]));
    for (const id of this.parsed.keys()) if (!kept.has(id)) this.parsed.delete(id);
    const verifying = new Map<string, VerificationKey>();
    for (const row of rows) {
      verifying.set(row.kid, {
        key: this.parsedPublic(row.kid, row.publicJwk),
        expiresAt: row.expiresAt?.getTime() ?? Infinity,
      });
    }
    return {
      signing: { kid: current.kid, key: this.parsedPrivate(current.kid, pem) },
      verifying,
      published: rows.map((row) => row.publicJwk),
      loadedAt: Date.now(),
    };
  }

  private parsedPublic(kid: string, jwk: PublicJwk): KeyObject {
    const id = `public:${kid}`;
    let key = this.parsed.get(id);
    if (!key) this.parsed.set(id, (key = createPublicKey({ key: { ...jwk }, format: 'jwk' })));
    return key;
  }

  private parsedPrivate(kid: string, pem: string): KeyObject {
    const id = `private:${kid}`;
    let key = this.parsed.get(id);
    if (!key) this.parsed.set(id, (key = createPrivateKey(pem)));
    return key;
  }
}
