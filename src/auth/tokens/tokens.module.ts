import { Module } from '@nestjs/common';
import { AccessTokenService } from './access-token.service';
import { SigningKeys } from './signing-keys';
import { SigningKeysRepository } from './signing-keys.repository';
import { TokenVerifier } from './token-verifier';

/** Issuing and verifying access tokens, and the keys for both. */
@Module({
  providers: [AccessTokenService, SigningKeys, SigningKeysRepository, TokenVerifier],
  exports: [AccessTokenService, SigningKeys, TokenVerifier],
})
export class TokensModule {}
