import { Column, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn } from 'typeorm';
import { RoleEntity } from './role.entity';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'uuid' })
  guid!: string;

  /** Set (equal to `id`) on users brought in by `import:users`; null on users created here. */
  @Column({ name: 'legacy_id', type: 'integer', nullable: true })
  legacyId!: number | null;

  /** As entered, for display. */
  @Column({ type: 'varchar' })
  username!: string;

  /** `usernameKey(username)`: unique, what every lookup by name matches (see username-key.ts). */
  @Column({ name: 'username_key', type: 'text', nullable: true, select: false })
  usernameKey!: string | null;

  @Column({ type: 'varchar', nullable: true })
  email!: string | null;

  @Column({ name: 'first_name', type: 'varchar', nullable: true })
  firstName!: string | null;

  @Column({ name: 'last_name', type: 'varchar', nullable: true })
  lastName!: string | null;

  /** Read only inside the repository layer: never mapped to a contract. */
  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash!: string | null;

  @Column({ name: 'password_salt', type: 'text', nullable: true, select: false })
  passwordSalt!: string | null;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt!: Date | null;

  @Column({ name: 'is_operator', type: 'boolean', default: false })
  isOperator!: boolean;

  @Column({ name: 'failed_login_attempts', type: 'integer', default: 0 })
  failedLoginAttempts!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'last_success_login', type: 'timestamptz', nullable: true })
  lastSuccessLogin!: Date | null;

  @Column({ name: 'blocked_at', type: 'timestamptz', nullable: true })
  blockedAt!: Date | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  /** Maintained by a trigger on sessions; read-only here. */
  @Column({
    name: 'active_session_count',
    type: 'integer',
    default: 0,
    insert: false,
    update: false,
  })
  activeSessionCount!: number;

  /** Profile fields handed over by trusted callers (UserInfo), kept as they came. */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  profile!: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @ManyToMany(() => RoleEntity)
  @JoinTable({
    name: 'user_roles',
    joinColumn: { name: 'user_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'role_id', referencedColumnName: 'id' },
  })
  roles?: RoleEntity[];
}
