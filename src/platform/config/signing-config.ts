import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EnvReader } from './env-parsers';

export const JWT_ALGORITHMS = ['HS256', 'EdDSA', 'RS256'] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];
export type AsymmetricAlgorithm = Exclude<JwtAlgorithm, 'HS256'>;

/** RSA keys shorter than this are refused (NIST SP 800-57: 2048 bits until 2030). */
export const MIN_RSA_BITS = 2048;

/** How an access token is signed, and where asymmetric keys come from. */
export interface SigningConfig {
  algorithm: JwtAlgorithm;
  /** JWT_PRIVATE_KEY_FILE's PEM: the one signing key. Without it (asymmetric), keys live in the database. */
  privateKeyPem?: string;
  /** JWT_PUBLIC_KEY_FILES' PEMs: previous keys, still accepted and published until removed. */
  previousPublicKeyPems: string[];
  /**
   * What database-held private keys are encrypted with (JWT_KEY_ENCRYPTION_SECRET,
   * else JWT_SECRET); undefined when neither was configured.
   */
  keyEncryptionSecret?: string;
  /** How long an instance trusts its copy of the database key set (JWT_KEY_CACHE_TTL_SECONDS). */
  keyCacheTtlSeconds: number;
}

const KEY_TYPE: Record<AsymmetricAlgorithm, string> = { EdDSA: 'ed25519', RS256: 'rsa' };

/** The problem with a key for `algorithm`, or undefined when it fits. */
export function keyMismatch(key: KeyObject, algorithm: AsymmetricAlgorithm): string | undefined {
  const type = key.asymmetricKeyType;
  if (type !== KEY_TYPE[algorithm]) {
    return `is a ${type ?? 'symmetric'} key, ${algorithm} needs ${KEY_TYPE[algorithm]}`;
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (algorithm === 'RS256' && bits < MIN_RSA_BITS) {
    return `is a ${bits}-bit RSA key, at least ${MIN_RSA_BITS} bits are required`;
  }
  return undefined;
}

function readKeyFile(
  read: EnvReader,
  variable: string,
  path: string,
  algorithm: JwtAlgorithm,
  parse: (pem: string) => KeyObject,
): string | undefined {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    read.check(false, `${variable} cannot be read (${(error as Error).message})`);
    return undefined;
  }
  let key: KeyObject;
  try {
    key = parse(pem);
  } catch {
    read.check(false, `${variable} (${path}) is not a PEM key`);
    return undefined;
  }
  if (algorithm === 'HS256') {
    read.check(false, `${variable} is only used with JWT_ALGORITHM=EdDSA or RS256`);
    return undefined;
  }
  const mismatch = keyMismatch(key, algorithm);
  read.check(mismatch === undefined, `${variable} (${path}) ${mismatch}`);
  return pem;
}

/**
 * JWT_ALGORITHM and its keys. Key files are parsed here, so a wrong file stops
 * the start with its name instead of failing the first login.
 */
export function readSigningConfig(
  read: EnvReader,
  configuredJwtSecret: string | undefined,
): SigningConfig {
  const algorithm = read.oneOf('JWT_ALGORITHM', JWT_ALGORITHMS, 'HS256');
  const privateFile = read.raw('JWT_PRIVATE_KEY_FILE');
  const privateKeyPem =
    privateFile === undefined
      ? undefined
      : readKeyFile(read, 'JWT_PRIVATE_KEY_FILE', privateFile, algorithm, (pem) =>
          createPrivateKey(pem),
        );
  const previousPublicKeyPems = read
    .list('JWT_PUBLIC_KEY_FILES')
    .map((path) =>
      readKeyFile(read, 'JWT_PUBLIC_KEY_FILES', path, algorithm, (pem) => createPublicKey(pem)),
    )
    .filter((pem): pem is string => pem !== undefined);
  read.check(
    previousPublicKeyPems.length === 0 || privateFile !== undefined,
    'JWT_PUBLIC_KEY_FILES needs JWT_PRIVATE_KEY_FILE (database-held keys keep their own history)',
  );

  const dedicated = read.raw('JWT_KEY_ENCRYPTION_SECRET');
  read.check(
    dedicated === undefined || dedicated.length >= 32,
    'JWT_KEY_ENCRYPTION_SECRET must be at least 32 characters',
  );
  const keyEncryptionSecret = dedicated ?? configuredJwtSecret;
  read.check(
    algorithm === 'HS256' || privateFile !== undefined || keyEncryptionSecret !== undefined,
    `JWT_ALGORITHM=${algorithm} with keys kept in the database needs JWT_KEY_ENCRYPTION_SECRET ` +
      '(or JWT_SECRET) to encrypt them, or JWT_PRIVATE_KEY_FILE',
  );
  return {
    algorithm,
    privateKeyPem,
    previousPublicKeyPems,
    keyEncryptionSecret,
    keyCacheTtlSeconds: read.int('JWT_KEY_CACHE_TTL_SECONDS', 30, { min: 1, max: 3600 }),
  };
}
