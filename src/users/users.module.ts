import { Module } from '@nestjs/common';
import { AuditModule } from '@/audit/audit.module';
import { PasswordsModule } from '@/users/passwords/passwords.module';
import { BootstrapAdminService } from './bootstrap-admin.service';
import { FederatedIdentitiesRepository } from './federated-identities.repository';
import { Privileges } from './privileges';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [PasswordsModule, AuditModule],
  providers: [
    UsersRepository,
    FederatedIdentitiesRepository,
    UsersService,
    BootstrapAdminService,
    Privileges,
  ],
  exports: [UsersRepository, FederatedIdentitiesRepository, UsersService, Privileges],
})
export class UsersModule {}
