import { Module } from '@nestjs/common';
import { AuthModule } from '@/auth/auth.module';
import { TokenIntrospection } from '@/auth/tokens/token-introspection';
import { TokensModule } from '@/auth/tokens/tokens.module';
import { SessionsModule } from '@/sessions/sessions.module';
import { JwksController } from './jwks.controller';
import { OAuthController } from './oauth.controller';

/** The surface for other back ends: JWKS, introspection, revocation. */
@Module({
  imports: [AuthModule, TokensModule, SessionsModule],
  controllers: [OAuthController, JwksController],
  providers: [TokenIntrospection],
})
export class OAuthModule {}
