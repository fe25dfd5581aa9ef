import { Controller, Get, Headers, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBasicAuth,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { GenericResponse, UserSessionDTO } from '@/legacy/contracts';
import { ClientMeta } from '@/sessions/sessions.service';
import { WireBody } from '@/wire';
import { NoStore } from '@/platform/http/no-store';
import { parseBasicCredentials } from '@/auth/basic-credentials';
import { Client } from '@/auth/client-ip/client-meta';
import { LoginRequestDto, RefreshRequestDto } from './contracts/login-request.contract';
import { CurrentPrincipal } from '@/auth/guards/auth.decorators';
import { Public } from '@/platform/http/public.decorator';
import { LoginThrottleGuard, PasswordThrottleGuard } from '@/auth/guards/login-throttle.guard';
import { LegacySessionService } from './legacy-session.service';
import { Principal } from '@/auth/principal';
import { LegacyErrors } from './legacy-errors';

/** Seed 001 and its companions: how legacy .NET clients log in and keep a session. */
@ApiTags('legacy: Auth')
@Controller('Auth')
export class LegacyAuthController {
  constructor(private readonly legacy: LegacySessionService) {}

  /** Credentials in `Authorization: Basic`, or a `{UserName, Password}` body in any format. */
  @Post('Login')
  @NoStore()
  @Public()
  @UseGuards(PasswordThrottleGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Logs in and creates a session (seed 001).',
    description:
      'Credentials in `Authorization: Basic`, or a `{UserName, Password}` body in any request format ' +
      '(Basic wins when both are sent). Answers the new session with its access token (`UserToken`) and ' +
      'refresh token (`Props`/`AppData` "RefreshToken", JSON `refreshToken`). Rate limited per client IP, one budget ' +
      'shared with every route that checks a password. With `LEGACY_AUTH_URL` set, a name unknown here or a user ' +
      "without a password is checked by the legacy service's `Auth/Login` and, when accepted, created or given " +
      'the password (just-in-time migration; any failure of the legacy service answers as a wrong password).',
  })
  @ApiBasicAuth()
  @ApiOkResponse({ type: UserSessionDTO, description: 'The new session and its tokens' })
  @ApiUnauthorizedResponse({
    description:
      'No credentials, unknown user, wrong password or locked account: one answer, in the same time',
  })
  async login(
    @Headers('authorization') authorization: string | undefined,
    @WireBody(LoginRequestDto, { parameterName: 'request', optional: true })
    body: LoginRequestDto | undefined,
    @Client() client: ClientMeta,
  ): Promise<UserSessionDTO> {
    const credentials =
      parseBasicCredentials(authorization) ??
      (typeof body?.UserName === 'string' && typeof body.Password === 'string'
        ? { username: body.UserName, password: body.Password }
        : null);
    if (!credentials) throw LegacyErrors.missingCredentials();
    return this.legacy.login(credentials.username, credentials.password, client);
  }

  /** How a client checks that its session is alive. */
  @Get('Session')
  @NoStore()
  @HttpCode(200)
  @ApiOperation({
    summary: "Answers the caller's current session (is it still alive?).",
    description:
      'Bearer token required. `userToken` echoes the bearer token; the refresh token is not known any more ' +
      '(only its hash is stored), so `refreshToken` is "".',
  })
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserSessionDTO, description: "The caller's session" })
  session(
    @CurrentPrincipal() principal: Principal,
    @Headers('authorization') authorization: string,
  ): Promise<UserSessionDTO> {
    return this.legacy.current(principal, authorization.replace(/^Bearer\s+/i, ''));
  }

  /** The refresh token in `X-Refresh-Token` or a `{RefreshToken}` body; rotates it. */
  @Post('Refresh')
  @NoStore()
  @Public()
  @UseGuards(LoginThrottleGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rotates the refresh token and issues a new access token.',
    description:
      'The refresh token in `X-Refresh-Token` or a `{RefreshToken}` body in any request format (the header ' +
      'wins). The old token is refused from then on; presenting an already rotated token ends the whole ' +
      'session. Rate limited per client IP.',
  })
  @ApiSecurity('X-Refresh-Token')
  @ApiOkResponse({ type: UserSessionDTO, description: 'The session with its new tokens' })
  @ApiUnauthorizedResponse({
    description:
      'No, unknown, expired or already rotated refresh token (the latter ends the session)',
  })
  refresh(
    @Headers('x-refresh-token') header: string | undefined,
    @WireBody(RefreshRequestDto, { parameterName: 'request', optional: true })
    body: RefreshRequestDto | undefined,
    @Client() client: ClientMeta,
  ): Promise<UserSessionDTO> {
    const token = header ?? body?.RefreshToken;
    if (!token) throw LegacyErrors.missingRefreshToken();
    return this.legacy.refresh(token, client);
  }

  /** Ends the caller's own session. */
  @Post('Logout')
  @HttpCode(200)
  @ApiOperation({
    summary: "Ends the caller's own session.",
    description:
      'Bearer token required. Answers `{"Success":true,"Message":"Session ended.","Data":1}`; its tokens stop ' +
      'working at once.',
  })
  @ApiBearerAuth()
  @ApiOkResponse({
    type: GenericResponse,
    description: '`Data` is 1 (ended now) or 0 (already ended)',
  })
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Client() client: ClientMeta,
  ): Promise<GenericResponse> {
    const ended = await this.legacy.logout(principal, client);
    return GenericResponse.of(true, 'Session ended.', ended);
  }
}
