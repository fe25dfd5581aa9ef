import { Module } from '@nestjs/common';
import { SessionsModule } from '@/sessions/sessions.module';
import { AccessTokenService } from './access-token.service';
import { SessionTokens } from './session-tokens.service';

@Module({
  imports: [SessionsModule],
  providers: [AccessTokenService, SessionTokens],
  exports: [AccessTokenService, SessionTokens],
})
export class TokensModule {}
