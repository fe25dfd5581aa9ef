import { Controller, Get, Headers, HttpCode, Post, UseGuards } from '@nestjs/common';
import { GenericResponse, UserSessionDTO } from '@/contracts/legacy';
import { DomainError } from '@/common/errors/domain-error';
import { ClientMeta } from '@/sessions/sessions.service';
import { WireBody } from '@/wire';
import { parseBasicCredentials } from './basic-credentials';
import { Client } from './client-ip/client-meta';
import { LoginRequestDto, RefreshRequestDto } from './dto/login-request.dto';
import { CurrentPrincipal, Public } from './guards/auth.decorators';
import { LoginThrottleGuard } from './guards/login-throttle.guard';
import { LegacySessionService } from './legacy-session.service';
import { Principal } from './principal';

const DENIED = 'Authorization has been denied for this request.';

/** Seed 001 and its companions: how legacy .NET clients log in and keep a session. */
@Controller('Auth')
export class LegacyAuthController {
  constructor(private readonly legacy: LegacySessionService) {}

  /** Credentials in `Authorization: Basic`, or a `{UserName, Password}` body in any format. */
  @Post('Login')
  @Public()
  @UseGuards(LoginThrottleGuard)
  @HttpCode(200)
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
    if (!credentials) throw new DomainError('Unauthenticated', 'MissingCredentials', DENIED);
    return this.legacy.login(credentials.username, credentials.password, client);
  }

  /** How a client checks that its session is alive. */
  @Get('Session')
  @HttpCode(200)
  session(
    @CurrentPrincipal() principal: Principal,
    @Headers('authorization') authorization: string,
  ): Promise<UserSessionDTO> {
    return this.legacy.current(principal, authorization.replace(/^Bearer\s+/i, ''));
  }

  /** The refresh token in `X-Refresh-Token` or a `{RefreshToken}` body; rotates it. */
  @Post('Refresh')
  @Public()
  @UseGuards(LoginThrottleGuard)
  @HttpCode(200)
  refresh(
    @Headers('x-refresh-token') header: string | undefined,
    @WireBody(RefreshRequestDto, { parameterName: 'request', optional: true })
    body: RefreshRequestDto | undefined,
    @Client() client: ClientMeta,
  ): Promise<UserSessionDTO> {
    const token = header ?? body?.RefreshToken;
    if (!token) throw new DomainError('Unauthenticated', 'MissingRefreshToken', DENIED);
    return this.legacy.refresh(token, client);
  }

  /** Ends the caller's own session. */
  @Post('Logout')
  @HttpCode(200)
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Client() client: ClientMeta,
  ): Promise<GenericResponse> {
    const ended = await this.legacy.logout(principal, client);
    return GenericResponse.of(true, 'Session ended.', ended);
  }
}
