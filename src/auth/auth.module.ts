import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuditModule } from '@/audit/audit.module';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { SessionsModule } from '@/sessions/sessions.module';
import { UsersModule } from '@/users/users.module';
import { ClientMetaResolver } from './client-ip/client-meta';
import { AccessGuard } from './guards/access.guard';
import { ApiClientKeys } from './guards/api-client-keys';
import { ApiKeyGuard } from './guards/api-key.guard';
import { LoginThrottleGuard, PasswordThrottleGuard } from './guards/login-throttle.guard';
import { OAuthClientGuard } from './guards/oauth-client.guard';
import { LoginService } from './login.service';
import { LegacyAuthClient } from './migration/legacy-auth.client';
import { PasswordsModule } from '@/users/passwords/passwords.module';
import { BearerVerifier } from './tokens/bearer-verifier';
import { TokensModule } from './tokens/tokens.module';
import { UserHasher } from './user-hash';

@Module({
  imports: [
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
    AccessGuard,
    BearerVerifier,
    ClientMetaResolver,
    LoginThrottleGuard,
    PasswordThrottleGuard,
    ApiClientKeys,
    ApiKeyGuard,
    OAuthClientGuard,
    LoginService,
    LegacyAuthClient,
    UserHasher,
  ],
  // The guard and the client resolver run on every request: src/pipeline.ts registers them.
  exports: [
    LoginService,
    UserHasher,
    ClientMetaResolver,
    TokensModule,
    LoginThrottleGuard,
    PasswordThrottleGuard,
    ApiKeyGuard,
    OAuthClientGuard,
    ApiClientKeys,
    AccessGuard,
  ],
})
export class AuthModule {}
