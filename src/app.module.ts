import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@/config';
import { OpenDatabase } from '@/database/database';
import { DatabaseModule } from '@/database/database.module';
import { HealthModule } from '@/health/health.module';
import { LoggingModule } from '@/logging/logging.module';
import { UsersModule } from '@/users/users.module';

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
        HealthModule,
        UsersModule,
      ],
    };
  }
}
