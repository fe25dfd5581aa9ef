import { Controller, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { GenericResponse, UserInfo, UserLogged, UsuarioDto } from '@/contracts/legacy';
import { DomainError } from '@/common/errors/domain-error';
import { ClientMeta } from '@/sessions/sessions.service';
import { WireBody } from '@/wire';
import { Client } from './client-ip/client-meta';
import { ExternalLoginService } from './external-login.service';
import { ApiKeyGuard } from './guards/api-key.guard';
import { CurrentPrincipal, Public } from './guards/auth.decorators';
import { LoginThrottleGuard } from './guards/login-throttle.guard';
import { KillSessionService } from './kill-session.service';
import { Principal } from './principal';

const MAX_IP_LENGTH = 64;

/** Seeds 003 and 000: the `api/*` routes of the legacy back ends. */
@Controller('api')
export class LegacyApiController {
  constructor(
    private readonly external: ExternalLoginService,
    private readonly killer: KillSessionService,
  ) {}

  /** A trusted caller (X-Api-Key) hands over an authenticated person; `IP` is required. */
  @Post('Auth')
  @Public()
  @UseGuards(LoginThrottleGuard, ApiKeyGuard)
  @HttpCode(200)
  handOver(
    @Query('IP') ip: string | string[] | undefined,
    @WireBody(UserInfo, { parameterName: 'userInfo' }) info: UserInfo,
    @Client() client: ClientMeta,
  ): Promise<UserLogged> {
    if (typeof ip !== 'string' || ip.trim() === '' || ip.length > MAX_IP_LENGTH) {
      throw new DomainError('InvalidArgument', 'MissingIp', 'The request is invalid.', {
        IP: ['The IP field is required.'],
      });
    }
    return this.external.handOver(info, ip.trim(), client.userAgent);
  }

  /** Ends all active sessions of the named user: one's own, or anyone's with session.delete. */
  @Post('kill-session')
  @HttpCode(200)
  async killSession(
    @CurrentPrincipal() caller: Principal,
    @WireBody(UsuarioDto, { parameterName: 'usuario' }) usuario: UsuarioDto,
    @Client() client: ClientMeta,
  ): Promise<GenericResponse> {
    const outcome = await this.killer.kill(caller, usuario, client.ip);
    return outcome.found
      ? GenericResponse.of(true, `${outcome.ended} session(s) ended.`, outcome.ended)
      : GenericResponse.of(false, 'User not found.', 0);
  }
}
