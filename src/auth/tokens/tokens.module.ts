import { Module } from '@nestjs/common';
import { SessionsModule } from '@/sessions/sessions.module';
import { AccessTokenService } from './access-token.service';
import { SessionTokens } from './session-tokens.service';
import { SigningKeys } from './signing-keys';
import { SigningKeysRepository } from './signing-keys.repository';
import { TokenVerifier } from './token-verifier';

/** Issuing and verifying tokens, and the signing keys for access tokens. */
@Module({
  imports: [SessionsModule],
  providers: [AccessTokenService, SessionTokens, SigningKeys, SigningKeysRepository, TokenVerifier],
  exports: [AccessTokenService, SessionTokens, SigningKeys, TokenVerifier],
})
export class TokensModule {}
