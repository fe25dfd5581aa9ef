import { MIGRATIONS } from '@migrations';
import { AuditEventEntity } from '@/audit/audit-event.entity';
import { DatabaseSchema } from '@/platform/database/database';
import { SessionTokenEntity } from '@/sessions/entities/session-token.entity';
import { SessionEntity } from '@/sessions/entities/session.entity';
import { PermissionEntity, RoleEntity } from '@/users/entities/role.entity';
import { UserEntity } from '@/users/entities/user.entity';

/**
 * What the database holds, listed by the composition root so the platform's
 * database module never reaches up into the domain: the entities of every
 * module and the migrations in the order they apply.
 */
export const SCHEMA: DatabaseSchema = {
  entities: [
    UserEntity,
    RoleEntity,
    PermissionEntity,
    SessionEntity,
    SessionTokenEntity,
    AuditEventEntity,
  ],
  migrations: MIGRATIONS,
};
