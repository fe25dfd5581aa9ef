import { AuditEventEntity } from '@/audit/audit-event.entity';
import { SessionTokenEntity } from '@/sessions/entities/session-token.entity';
import { SessionEntity } from '@/sessions/entities/session.entity';
import { PermissionEntity, RoleEntity } from '@/users/entities/role.entity';
import { UserEntity } from '@/users/entities/user.entity';

export const ENTITIES = [
  UserEntity,
  RoleEntity,
  PermissionEntity,
  SessionEntity,
  SessionTokenEntity,
  AuditEventEntity,
];
