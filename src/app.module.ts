import { DynamicModule, Module } from '@nestjs/common';
import { AdminModule } from '@/admin/admin.module';
import { ConsoleModule } from '@/admin/console/console.module';
import { AuthModule } from '@/auth/auth.module';
import { AppConfig, ConfigModule } from '@/platform/config';
import { OpenDatabase } from '@/platform/database/database';
import { DatabaseModule } from '@/platform/database/database.module';
import { DocsModule } from '@/docs/docs.module';
import { LegacyModule } from '@/legacy/legacy.module';
import { HealthModule } from '@/platform/health/health.module';
import { LoggingModule } from '@/platform/logging/logging.module';
import { MetricsModule } from '@/platform/metrics/metrics.module';
import { OAuthModule } from '@/oauth/oauth.module';
import { SessionsModule } from '@/sessions/sessions.module';
import { V2SessionsModule } from '@/v2/v2-sessions.module';
import { PipelineProbeModule } from '@/pipeline-probe/pipeline-probe.module';
import { PipelineModule, WirePipelineModule } from './pipeline';
import { UsersModule } from '@/users/users.module';
import { WireModule } from '@/wire';
import { WebhooksModule } from '@/webhooks/webhooks.module';

@Module({})
export class AppModule {
  /** The config and the opened database are made before Nest starts, so failures are clear. */
  static forRoot(config: AppConfig, database: OpenDatabase): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        DatabaseModule.forRoot(database),
        WireModule,
        MetricsModule.forRoot(config),
        HealthModule,
        UsersModule,
        SessionsModule,
        AuthModule,
        LegacyModule,
        V2SessionsModule,
        WebhooksModule,
        AdminModule,
        ConsoleModule,
        OAuthModule,
        DocsModule,
        PipelineModule,
        WirePipelineModule,
        ...(config.pipelineProbe ? [PipelineProbeModule] : []),
      ],
    };
  }
}
