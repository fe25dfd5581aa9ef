import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AuditRepository } from '@/audit/audit.repository';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { UsersService } from './users.service';

/** ADMIN_USERNAME/ADMIN_PASSWORD create the first administrator on first start. */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdminService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly audit: AuditRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.bootstrapAdmin;
    if (!admin) return;
    const created = await this.users.createFirstAdministrator(admin.username, admin.password);
    if (!created) return;
    await this.audit.record({
      action: 'user.created',
      subjectUserId: created.id,
      details: { source: 'ADMIN_USERNAME', admin: true },
    });
    this.logger.log(`created the first administrator "${created.username}"`);
  }
}
