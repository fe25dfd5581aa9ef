import { Controller, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { isIP } from 'node:net';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { GenericResponse, UserInfo, UserLogged, UsuarioDto } from '@/legacy/contracts';
import { unstorablePaths } from '@/platform/text/storable-text';
import { ClientMeta } from '@/sessions/sessions.service';
import { WireBody } from '@/wire';
import { NoStore } from '@/platform/http/no-store';
import { Client } from '@/auth/client-ip/client-meta';
import { ExternalLoginService } from './external-login.service';
import { ApiClientName, ApiKeyGuard } from '@/auth/guards/api-key.guard';
import { CurrentPrincipal } from '@/auth/guards/auth.decorators';
import { Public } from '@/platform/http/public.decorator';
import { LoginThrottleGuard } from '@/auth/guards/login-throttle.guard';
import { KillSessionService } from './kill-session.service';
import { Principal } from '@/auth/principal';
import { LegacyErrors } from './legacy-errors';

const MAX_IP_LENGTH = 64;

/** Seeds 003 and 000: the `api/*` routes of the legacy back ends. */
@ApiTags('legacy: api')
@Controller('api')
export class LegacyApiController {
  constructor(
    private readonly external: ExternalLoginService,
    private readonly killer: KillSessionService,
  ) {}

  /** A trusted caller (X-Api-Key) hands over an authenticated person; `IP` is required. */
  @Post('Auth')
  @NoStore()
  @Public()
  @UseGuards(LoginThrottleGuard, ApiKeyGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: 'A trusted caller hands over an authenticated person (seed 003).',
    description:
      'The caller, an identity provider, presents one of `API_CLIENT_KEYS` in `X-Api-Key`. `id` is its own id ' +
      'of the person: the first hand-over creates a local user linked to (caller, `id`), later ones update only ' +
      'that user; a hand-over never reaches a local password account or another caller’s user, whatever the ' +
      '`id` or `email`. `deleted: true` disables the linked user and ends its sessions. A session bound to `IP` ' +
      'is opened. `UserLogged.Token` (the access token) is written in XML only: ' +
      'its JSON form has no `Token`, as the legacy contract declares `[JsonIgnore]`. `is_admin` grants no right ' +
      'here (`role` 1 instead of 2). Rate limited per client IP.',
  })
  @ApiSecurity('X-Api-Key')
  @ApiQuery({
    name: 'IP',
    required: true,
    description: "The person's client IP the session is bound to (at most 64 characters)",
    schema: { type: 'string', maxLength: 64 },
  })
  @ApiOkResponse({ type: UserLogged, description: 'The person and the new session' })
  @ApiBadRequestResponse({
    description:
      'No `IP` or not an IP address (`ModelState.IP`), or an invalid `UserInfo` (`id`, `deleted`, ' +
      '`state_id` are required; no text may hold U+0000 or an unpaired surrogate)',
  })
  @ApiUnauthorizedResponse({
    description:
      'Missing or unknown `X-Api-Key`, or the person is deleted, blocked, disabled, or a local account',
  })
  handOver(
    @Query('IP') ip: string | string[] | undefined,
    @WireBody(UserInfo, { parameterName: 'userInfo' }) info: UserInfo,
    @Client() client: ClientMeta,
    @ApiClientName() apiClient: string,
  ): Promise<UserLogged> {
    if (typeof ip !== 'string' || ip.trim() === '' || ip.length > MAX_IP_LENGTH) {
      throw LegacyErrors.missingIp();
    }
    if (isIP(ip.trim()) === 0) {
      throw LegacyErrors.invalidIp();
    }
    // Every member of a hand-over is stored (user row or profile): text the database cannot hold is refused.
    const unstorable = unstorablePaths(info);
    if (unstorable.length > 0) {
      throw LegacyErrors.unstorableText(
        Object.fromEntries(
          unstorable.map((path) => [
            `userInfo.${path}`,
            ['The value contains U+0000 or an unpaired surrogate.'],
          ]),
        ),
      );
    }
    return this.external.handOver(apiClient, info, ip.trim(), client.userAgent);
  }

  /** Ends all active sessions of the named user: one's own, or anyone's with session.delete. */
  @Post('kill-session')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Ends every active session of a user (seed 000).',
    description:
      'Bearer token required. The `UsuarioDto` names the user by `Id`, else `IdUser`, else `Username` ' +
      '(0 means not given); its password fields are never read. The caller may end their own sessions, or ' +
      "anyone's with `session.delete`. `Data` is the number of sessions ended; an unknown user answers " +
      '`Success: false`, "User not found.".',
  })
  @ApiBearerAuth()
  @ApiOkResponse({ type: GenericResponse, description: '`Data`: the number of sessions ended' })
  @ApiBadRequestResponse({
    description:
      'No `Id`, `IdUser` or `Username` (`ModelState["usuario.Id"]`), or an unreadable body',
  })
  @ApiForbiddenResponse({
    description: "Another user's (or an unknown user's) sessions without `session.delete`",
  })
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
