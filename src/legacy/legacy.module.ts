import { Module } from '@nestjs/common';
import { AuditModule } from '@/audit/audit.module';
import { AuthModule } from '@/auth/auth.module';
import { SessionsModule } from '@/sessions/sessions.module';
import { UsersModule } from '@/users/users.module';
import { ExternalLoginService } from './external-login.service';
import { KillSessionService } from './kill-session.service';
import { LegacyApiController } from './legacy-api.controller';
import { LegacyAuthController } from './legacy-auth.controller';
import { LegacySessionService } from './legacy-session.service';

/** The legacy .NET surface: `Auth/*`, `api/Auth/*` and `api/kill-session`. */
@Module({
  imports: [AuthModule, SessionsModule, UsersModule, AuditModule],
  controllers: [LegacyAuthController, LegacyApiController],
  providers: [LegacySessionService, ExternalLoginService, KillSessionService],
})
export class LegacyModule {}
