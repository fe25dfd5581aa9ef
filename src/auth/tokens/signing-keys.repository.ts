import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AsymmetricAlgorithm } from '@/platform/config';
import { PublicJwk } from './jws';

/** A stored signing key still in use (current, or retired but not yet expired). */
export interface StoredSigningKey {
  kid: string;
  publicJwk: PublicJwk;
  /** Encrypted PKCS#8 PEM; null once the key is retired. */
  sealedPrivateKey: string | null;
  activatedAt: Date;
  retiredAt: Date | null;
  expiresAt: Date | null;
}

export interface NewSigningKey {
  kid: string;
  algorithm: AsymmetricAlgorithm;
  publicJwk: PublicJwk;
  sealedPrivateKey: string;
}

interface Row {
  kid: string;
  public_jwk: PublicJwk;
  private_key: string | null;
  activated_at: Date;
  retired_at: Date | null;
  expires_at: Date | null;
}

const INSERT = `INSERT INTO signing_keys (kid, algorithm, public_jwk, private_key) VALUES ($1, $2, $3, $4)`;

/** The signing-key aggregate: one row per key the service generated. */
@Injectable()
export class SigningKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The algorithm's keys not yet expired, the current one first. */
  async usable(algorithm: AsymmetricAlgorithm): Promise<StoredSigningKey[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT kid, public_jwk, private_key, activated_at, retired_at, expires_at FROM signing_keys
        WHERE algorithm = $1 AND (expires_at IS NULL OR expires_at > now())
        ORDER BY retired_at IS NULL DESC, activated_at DESC`,
      [algorithm],
    );
    return rows.map((row) => ({
      kid: row.kid,
      publicJwk: row.public_jwk,
      sealedPrivateKey: row.private_key,
      activatedAt: row.activated_at,
      retiredAt: row.retired_at,
      expiresAt: row.expires_at,
    }));
  }

  /**
   * Stores `key` as the current key unless there already is one: one statement
   * against the one-current-key index, so of instances starting together on an
   * empty table exactly one key wins. True when this one did.
   */
  async insertIfNoCurrent(key: NewSigningKey): Promise<boolean> {
    const inserted: Array<{ kid: string }> = await this.dataSource.query(
      `${INSERT} ON CONFLICT (algorithm) WHERE retired_at IS NULL DO NOTHING RETURNING kid`,
      [key.kid, key.algorithm, JSON.stringify(key.publicJwk), key.sealedPrivateKey],
    );
    return inserted.length === 1;
  }

  /**
   * Makes `key` the current key in one transaction: the current one is retired
   * (its private half erased) and stays published for `overlapSeconds`; keys
   * whose overlap is over are deleted. Returns the kids retired.
   */
  async rotate(key: NewSigningKey, overlapSeconds: number): Promise<string[]> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`DELETE FROM signing_keys WHERE algorithm = $1 AND expires_at <= now()`, [
        key.algorithm,
      ]);
      const [retired]: [Array<{ kid: string }>] = await tx.query(
        `UPDATE signing_keys SET retired_at = now(), private_key = NULL,
            expires_at = now() + make_interval(secs => $2)
          WHERE algorithm = $1 AND retired_at IS NULL RETURNING kid`,
        [key.algorithm, overlapSeconds],
      );
      await tx.query(INSERT, [
        key.kid,
        key.algorithm,
        JSON.stringify(key.publicJwk),
        key.sealedPrivateKey,
      ]);
      return retired.map((row) => row.kid);
    });
  }
}
