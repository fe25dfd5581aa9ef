import { Column, Entity, PrimaryColumn } from 'typeorm';

export type SessionTokenKind = 'refresh' | 'session';

/** A refresh token or v2 sessionToken, stored only as its SHA-256. */
@Entity({ name: 'session_tokens' })
export class SessionTokenEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ name: 'session_id', type: 'integer' })
  sessionId!: number;

  @Column({ type: 'varchar' })
  kind!: SessionTokenKind;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** Set when the token was exchanged for a new one; presenting it again is reuse. */
  @Column({ name: 'rotated_at', type: 'timestamptz', nullable: true })
  rotatedAt!: Date | null;
}
