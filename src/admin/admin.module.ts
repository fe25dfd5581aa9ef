import { Module } from '@nestjs/common';
import { AuditModule } from '@/audit/audit.module';
import { SessionsModule } from '@/sessions/sessions.module';
import { UsersModule } from '@/users/users.module';
import { WebhooksModule } from '@/webhooks/webhooks.module';
import { AdminAuditController } from './audit/admin-audit.controller';
import { AdminAuditService } from './audit/admin-audit.service';
import { AdminRolesController } from './roles/admin-roles.controller';
import { AdminRolesService } from './roles/admin-roles.service';
import { AdminMeController } from './me/admin-me.controller';
import { AdminMeService } from './me/admin-me.service';
import { AdminSessionsController } from './sessions/admin-sessions.controller';
import { AdminSessionsService } from './sessions/admin-sessions.service';
import { AdminUsersController } from './users/admin-users.controller';
import { AdminUsersService } from './users/admin-users.service';
import { AdminWebhooksController } from './webhooks/admin-webhooks.controller';
import { AdminWebhooksService } from './webhooks/admin-webhooks.service';

/** The admin dashboard's back end (seed 002 and user management): `/api/admin/v1/*`. */
@Module({
  imports: [UsersModule, SessionsModule, AuditModule, WebhooksModule],
  controllers: [
    AdminSessionsController,
    AdminUsersController,
    AdminAuditController,
    AdminRolesController,
    AdminMeController,
    AdminWebhooksController,
  ],
  providers: [
    AdminSessionsService,
    AdminUsersService,
    AdminAuditService,
    AdminRolesService,
    AdminMeService,
    AdminWebhooksService,
  ],
})
export class AdminModule {}
