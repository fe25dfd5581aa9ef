import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { DomainError } from '@/platform/errors/domain-error';
import { GenericResponse, UserInfo, UserSessionDTO, UsuarioDto } from '@/legacy/contracts';
import { ErrorFormat, WireBody, wireResult } from '@/wire';

/** Legacy-style routes that echo what the wire layer decoded. */
@Controller('api')
export class LegacyFixtureController {
  @Post('kill-session')
  killSession(@WireBody(UsuarioDto, { parameterName: 'usuario' }) usuario: UsuarioDto): UsuarioDto {
    return usuario;
  }

  @Post('Auth')
  auth(@WireBody(UserInfo, { parameterName: 'userInfo' }) userInfo: UserInfo): UserInfo {
    return userInfo;
  }

  @Post('session-echo')
  sessionEcho(
    @WireBody(UserSessionDTO, { parameterName: 'session' }) session: UserSessionDTO,
  ): UserSessionDTO {
    return session;
  }

  @Post('optional')
  optional(
    @WireBody(UsuarioDto, { parameterName: 'usuario', optional: true }) usuario: UsuarioDto | null,
  ) {
    return GenericResponse.of(true, usuario ? `body ${usuario.Id}` : 'no body');
  }

  @Get('generic')
  generic(): GenericResponse {
    return GenericResponse.of(true, '3 sessions terminated', 3);
  }

  @Post('created')
  @HttpCode(201)
  created(): GenericResponse {
    return GenericResponse.of(true, 'created');
  }

  @Get('result')
  result() {
    return wireResult(
      GenericResponse,
      { Success: false, Message: 'plain object', Data: null },
      202,
    );
  }

  @Get('plain')
  plain() {
    return { not: 'a contract' };
  }

  @Get('boom')
  boom(): never {
    throw new Error('secret connection string');
  }

  @Get('denied')
  denied(): never {
    throw new DomainError('Unauthenticated', 'BadToken', 'token expired');
  }

  @Get('throttled')
  throttled(): never {
    throw new ThrottlerException();
  }
}

@Controller('api/admin/v1/authenticated-sessions')
@ErrorFormat('admin')
export class AdminFixtureController {
  @Post('revoke')
  revoke(): never {
    throw new DomainError('NotFound', 'NoActiveSession', 'no active session 123');
  }

  @Get('boom')
  boom(): never {
    throw new Error('secret');
  }
}

@Controller('v2/sessions')
@ErrorFormat('v2')
export class V2FixtureController {
  @Get(':id')
  get(): never {
    throw new DomainError('NotFound', 'SESSION-0sGjd', 'Session not found');
  }
}
