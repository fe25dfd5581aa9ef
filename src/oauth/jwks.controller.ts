import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@/platform/http/public.decorator';
import { SigningKeys } from '@/auth/tokens/signing-keys';
import { ErrorFormat } from '@/wire';
import { JwkSetResponse } from './introspection.contract';

/**
 * Short enough that a verifier sees a rotation soon; verifiers meeting an
 * unknown kid should refetch anyway (jose's remote key set does).
 */
const JWKS_MAX_AGE_SECONDS = 300;

/** The public keys other services verify our access tokens with, offline. */
@ApiTags('OAuth')
@ErrorFormat('oauth')
@Public()
@Controller('.well-known')
export class JwksController {
  constructor(private readonly keys: SigningKeys) {}

  @Get('jwks.json')
  @Header('Cache-Control', `public, max-age=${JWKS_MAX_AGE_SECONDS}`)
  @ApiOperation({
    summary: 'JSON Web Key Set (RFC 7517)',
    description:
      'The current signing key and the previous ones still inside their overlap period. ' +
      'Empty with JWT_ALGORITHM=HS256 (a shared secret is never published).',
  })
  @ApiResponse({ status: 200, type: JwkSetResponse })
  async jwks(): Promise<JwkSetResponse> {
    return { keys: await this.keys.publicKeys() };
  }
}
