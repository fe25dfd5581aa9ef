import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AuditAction } from './audit-actions';

/** Small facts about an event; never a secret, password or token. */
export type AuditDetails = Record<string, string | number | boolean | null>;

@Entity({ name: 'audit_events' })
export class AuditEventEntity {
  /** bigint arrives as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ type: 'varchar' })
  action!: AuditAction;

  @Column({ name: 'actor_user_id', type: 'integer', nullable: true })
  actorUserId!: number | null;

  @Column({ name: 'subject_user_id', type: 'integer', nullable: true })
  subjectUserId!: number | null;

  @Column({ name: 'session_id', type: 'integer', nullable: true })
  sessionId!: number | null;

  @Column({ type: 'varchar', nullable: true })
  ip!: string | null;

  /** X-Request-Id of the request that caused the event (null for start-up, CLI and sweeps). */
  @Column({ name: 'request_id', type: 'varchar', nullable: true })
  requestId!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  details!: AuditDetails;
}
