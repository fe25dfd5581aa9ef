import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuditModule } from '@/audit/audit.module';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { SessionsModule } from '@/sessions/sessions.module';
import { UsersModule } from '@/users/users.module';
import { ClientMetaMiddleware, ClientMetaResolver } from './client-ip/client-meta';
import { AccessGuard } from './guards/access.guard';
import { ApiKeyGuard } from './guards/api-key.guard';
import { LoginThrottleGuard, PasswordThrottleGuard } from './guards/login-throttle.guard';
import { LoginService } from './login.service';
import { LegacyAuthClient } from './migration/legacy-auth.client';
import { PasswordsModule } from '@/users/passwords/passwords.module';
import { JwtStrategy } from './tokens/jwt.strategy';
import { TokensModule } from './tokens/tokens.module';
import { UserHasher } from './user-hash';

@Module({
  imports: [
    PassportModule,
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [
          {
            name: 'login',
            limit: config.loginRateLimit.limit,
            ttl: config.loginRateLimit.windowSeconds * 1000,
          },
        ],
      }),
    }),
    UsersModule,
    SessionsModule,
    AuditModule,
    TokensModule,
    PasswordsModule,
  ],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    JwtStrategy,
    ClientMetaResolver,
    LoginThrottleGuard,
    PasswordThrottleGuard,
    ApiKeyGuard,
    LoginService,
    LegacyAuthClient,
    UserHasher,
  ],
  exports: [
    LoginService,
    UserHasher,
    ClientMetaResolver,
    TokensModule,
    LoginThrottleGuard,
    PasswordThrottleGuard,
    ApiKeyGuard,
  ],
})
export class AuthModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ClientMetaMiddleware).forRoutes('*path');
  }
}
