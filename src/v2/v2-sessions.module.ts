import { Module } from '@nestjs/common';
import { AuditModule } from '@/audit/audit.module';
import { AuthModule } from '@/auth/auth.module';
import { SessionsModule } from '@/sessions/sessions.module';
import { UsersModule } from '@/users/users.module';
import { V2SessionsController } from './v2-sessions.controller';
import { V2SessionsService } from './v2-sessions.service';

/** The v2 session API (ZITADEL-shaped), on top of authentication and the sessions domain. */
@Module({
  imports: [AuthModule, SessionsModule, UsersModule, AuditModule],
  controllers: [V2SessionsController],
  providers: [V2SessionsService],
})
export class V2SessionsModule {}
