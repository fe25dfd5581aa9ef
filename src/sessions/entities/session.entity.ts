import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '@/users/entities/user.entity';

export type SessionChannel = 'legacy' | 'api' | 'v2';

/** One name/value pair of a legacy PropertyCollection, as stored. */
export interface StoredProperty {
  name: string;
  value: string | number | boolean | null;
}

@Entity({ name: 'sessions' })
export class SessionEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'uuid' })
  guid!: string;

  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar' })
  channel!: SessionChannel;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'last_updated_at', type: 'timestamptz', default: () => 'now()' })
  lastUpdatedAt!: Date;

  /** Idle expiry, never later than absoluteExpiresAt. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'absolute_expires_at', type: 'timestamptz' })
  absoluteExpiresAt!: Date;

  @Column({ type: 'varchar', nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', nullable: true })
  userAgent!: string | null;

  @Column({ type: 'varchar', nullable: true })
  smartphone!: string | null;

  @Column({ name: 'operating_system', type: 'varchar', nullable: true })
  operatingSystem!: string | null;

  @Column({ type: 'varchar', nullable: true })
  application!: string | null;

  @Column({ name: 'is_single_sign_on', type: 'boolean', default: false })
  isSingleSignOn!: boolean;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_by', type: 'integer', nullable: true })
  revokedBy!: number | null;

  @Column({ name: 'revoke_reason', type: 'varchar', nullable: true })
  revokeReason!: string | null;

  /** Grows with every change (a trigger bumps it); v2 `details.sequence`. bigint arrives as a string. */
  @Column({ type: 'bigint', default: 1, insert: false, update: false })
  sequence!: string;

  @Column({ name: 'app_data', type: 'jsonb', default: () => "'[]'::jsonb" })
  appData!: StoredProperty[];

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  props!: StoredProperty[];

  @Column({ name: 'session_data', type: 'jsonb', nullable: true })
  sessionData!: StoredProperty[] | null;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  features!: string[];
}
