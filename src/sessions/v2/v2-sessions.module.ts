import { Module } from '@nestjs/common';
import { AuditModule } from '@/audit/audit.module';
import { AuthModule } from '@/auth/auth.module';
import { PasswordsModule } from '@/auth/passwords/passwords.module';
import { SessionsModule } from '@/sessions/sessions.module';
import { UsersModule } from '@/users/users.module';
import { SessionPasswordCheck } from './session-password-check';
import { V2SessionsController } from './v2-sessions.controller';
import { V2SessionsService } from './v2-sessions.service';

/**
 * The v2 session API. Its own module because it needs LoginService (AuthModule),
 * and AuthModule already imports SessionsModule.
 */
@Module({
  imports: [AuthModule, SessionsModule, UsersModule, AuditModule, PasswordsModule],
  controllers: [V2SessionsController],
  providers: [V2SessionsService, SessionPasswordCheck],
})
export class V2SessionsModule {}
