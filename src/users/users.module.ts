import { Module } from '@nestjs/common';
import { PasswordsModule } from '@/auth/passwords/passwords.module';
import { BootstrapAdminService } from './bootstrap-admin.service';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [PasswordsModule],
  providers: [UsersRepository, UsersService, BootstrapAdminService],
  exports: [UsersRepository, UsersService],
})
export class UsersModule {}
