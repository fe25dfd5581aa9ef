import { Module } from '@nestjs/common';
import { AuditModule } from '@/audit/audit.module';
import { PasswordsModule } from '@/auth/passwords/passwords.module';
import { BootstrapAdminService } from './bootstrap-admin.service';
import { Privileges } from './privileges';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [PasswordsModule, AuditModule],
  providers: [UsersRepository, UsersService, BootstrapAdminService, Privileges],
  exports: [UsersRepository, UsersService, Privileges],
})
export class UsersModule {}
