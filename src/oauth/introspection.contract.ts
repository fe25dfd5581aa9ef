import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TOKEN_TYPES, TokenType } from '@/auth/tokens/token-introspection';

/** RFC 7662 section 2.2. An inactive token is `{"active": false}` and nothing else. */
export class IntrospectionResponse {
  @ApiProperty({
    description: 'Whether the token is live: issued by us, unexpired, its session not ended.',
  })
  active!: boolean;

  @ApiPropertyOptional({ description: 'The user GUID.', format: 'uuid' })
  sub?: string;

  @ApiPropertyOptional({ description: 'The user name.' })
  username?: string;

  @ApiPropertyOptional({ enum: TOKEN_TYPES, description: 'Which of our tokens it is.' })
  token_type?: TokenType;

  @ApiPropertyOptional({
    description:
      'Expiry, seconds since the epoch: the JWT `exp`, or for an opaque token its session’s current idle expiry.',
  })
  exp?: number;

  @ApiPropertyOptional({ description: 'When the token was issued, seconds since the epoch.' })
  iat?: number;

  @ApiPropertyOptional({ description: 'The session id (the access token’s `sid`).' })
  sid?: number;

  @ApiPropertyOptional({ description: 'The access tokens’ issuer (JWT_ISSUER).' })
  iss?: string;

  @ApiPropertyOptional({ description: 'The access tokens’ audience (JWT_AUDIENCE).' })
  aud?: string;
}

/** RFC 7517 section 5. */
export class JwkSetResponse {
  @ApiProperty({
    description:
      'Public keys, current first: OKP/Ed25519 (`crv`, `x`) or RSA (`n`, `e`), each with `kid`, `alg`, `use: sig`.',
    type: 'array',
    items: { type: 'object' },
  })
  keys!: object[];
}
