import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { UserEntity } from './entities/user.entity';
import { storedUsernameKey } from './username-key';

/** One link: a trusted client's id of a person → the local user it provisioned. */
export interface FederatedIdentity {
  client: string;
  externalId: string;
  userId: number;
  createdAt: Date;
}

/** What a trusted client says about one of its people (`POST api/Auth`, UserInfo). */
export interface FederatedHandOver {
  client: string;
  /** A GUID in the client's namespace, lower case. */
  externalId: string;
  /** Tried in order for a new user; the first one free is taken. */
  usernames: string[];
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  profile: Record<string, unknown>;
  deleted: boolean;
}

export type FederatedHandOverResult =
  /** A new user, linked to the client (never for `deleted`). */
  | { outcome: 'created'; user: UserEntity }
  /** The client's own user, updated; `disabledNow` when this hand-over disabled it. */
  | { outcome: 'updated'; user: UserEntity; disabledNow: boolean }
  /** `deleted` for an id the client never provisioned: nothing to do. */
  | { outcome: 'unknown' }
  /** The linked user has been given a password since: a local account, left alone. */
  | { outcome: 'local-account'; userId: number };

/** Namespace of the advisory locks that serialise hand-overs of one (client, external id). */
const HAND_OVER_LOCK = 72707302;

/**
 * The federated-identity links, and the users they own. A hand-over only ever
 * reaches the user linked to that client and external id: it never looks a
 * user up by GUID, e-mail or username.
 */
@Injectable()
export class FederatedIdentitiesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The link of (client, external id), if that client provisioned that person. */
  async find(client: string, externalId: string): Promise<FederatedIdentity | null> {
    const rows: Array<{ client: string; external_id: string; user_id: number; created_at: Date }> =
      await this.dataSource.query(
        `SELECT client, external_id, user_id, created_at FROM federated_identities
          WHERE client = $1 AND external_id = $2`,
        [client, externalId],
      );
    const row = rows[0];
    return row
      ? {
          client: row.client,
          externalId: row.external_id,
          userId: row.user_id,
          createdAt: row.created_at,
        }
      : null;
  }

  /**
   * Applies a hand-over in one transaction: updates the linked user, or
   * creates the user and its link. A transaction-scoped advisory lock on
   * (client, external id) makes parallel first hand-overs of one person
   * create exactly one user.
   */
  handOver(input: FederatedHandOver): Promise<FederatedHandOverResult> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2::text || ':' || $3::text))`, [
        HAND_OVER_LOCK,
        input.client,
        input.externalId,
      ]);
      const [link]: Array<{ user_id: number }> = await tx.query(
        `SELECT user_id FROM federated_identities WHERE client = $1 AND external_id = $2`,
        [input.client, input.externalId],
      );
      if (link) return this.update(tx, link.user_id, input);
      if (input.deleted) return { outcome: 'unknown' };
      return { outcome: 'created', user: await this.create(tx, input) };
    });
  }

  /** Updates the linked user, unless it has been given a password since (one conditional UPDATE). */
  private async update(
    tx: EntityManager,
    userId: number,
    input: FederatedHandOver,
  ): Promise<FederatedHandOverResult> {
    // now() is the transaction's start time, so `disabled_at = now()` after the
    // update holds exactly when this statement disabled the user.
    const [rows] = await tx.query(
      `UPDATE users SET email = $2, first_name = $3, last_name = $4, profile = $5::jsonb,
              disabled_at = CASE WHEN $6 THEN COALESCE(disabled_at, now()) ELSE disabled_at END,
              updated_at = now()
        WHERE id = $1 AND password_hash IS NULL
        RETURNING disabled_at IS NOT NULL AND disabled_at = now() AS disabled_now`,
      [
        userId,
        input.email,
        input.firstName,
        input.lastName,
        JSON.stringify(input.profile),
        input.deleted,
      ],
    );
    const [updated] = rows as Array<{ disabled_now: boolean }>;
    if (!updated) return { outcome: 'local-account', userId };
    return {
      outcome: 'updated',
      user: await this.requireUser(tx, userId),
      disabledNow: updated.disabled_now,
    };
  }

  private async create(tx: EntityManager, input: FederatedHandOver): Promise<UserEntity> {
    const guid = randomUUID();
    // The fresh GUID is the last resort: nobody else can hold it as a username.
    for (const username of [...input.usernames, guid]) {
      const rows: Array<{ id: number }> = await tx.query(
        `INSERT INTO users (guid, username, username_key, email, first_name, last_name, profile)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
         ON CONFLICT DO NOTHING RETURNING id`,
        [
          guid,
          username,
          storedUsernameKey(username),
          input.email,
          input.firstName,
          input.lastName,
          JSON.stringify(input.profile),
        ],
      );
      const [created] = rows;
      if (!created) continue;
      await tx.query(
        `INSERT INTO federated_identities (client, external_id, user_id) VALUES ($1, $2, $3)`,
        [input.client, input.externalId, created.id],
      );
      return this.requireUser(tx, created.id);
    }
    throw new Error('no free username for a federated user');
  }

  private requireUser(tx: EntityManager, id: number): Promise<UserEntity> {
    return tx
      .getRepository(UserEntity)
      .findOneOrFail({ where: { id }, relations: { roles: true } });
  }
}
