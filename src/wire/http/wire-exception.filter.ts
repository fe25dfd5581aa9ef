import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  Inject,
  Logger,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ERROR_KINDS } from '@/platform/errors/domain-error';
import { deflateJson } from '@/wire/format/compression';
import { encodeText } from '@/wire/wire-codec';
import {
  ErrorDescription,
  errorBody,
  errorJson,
  errorXml,
  UNAUTHENTICATED_TEXT,
} from './error-bodies';
import { ERROR_FORMAT_KEY, ErrorFamily } from './error-format.decorator';
import {
  absoluteRequestUrl,
  headersSent,
  isLocalRequest,
  nodeResponse,
  requestMethod,
  requestPath,
  sendBytes,
} from './http-adapter';
import { negotiateRequest } from './request-negotiation';
import { RouteTable } from './route-table';
import { WIRE_SETTINGS, WireSettings } from './wire-settings';
import { InvalidBody, WireErrors } from '@/wire/wire-errors';

/** Admin `err_<code>` names for framework exceptions, by status. */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'InvalidRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  429: 'TooManyRequests',
};

const GRPC_BY_STATUS: Record<number, number> = Object.fromEntries(
  Object.values(ERROR_KINDS).map((kind) => [kind.status, kind.grpc]),
);

const MESSAGE_BY_STATUS: Record<number, string> = {
  403: 'The caller is not allowed to do this.',
  429: 'Too many requests. Try again later.',
};

type HandlerHost = ArgumentsHost & { getHandler?: () => unknown; getClass?: () => unknown };

/**
 * Formats every error in the caller's negotiated format, per route family
 * (`@ErrorFormat`): legacy Web API HttpError, admin `err_<code>`, or v2.
 * Unexpected errors are logged and answer 500 without details.
 */
@Catch()
export class WireExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('WireExceptionFilter');

  constructor(
    private readonly reflector: Reflector,
    private readonly routes: RouteTable,
    @Inject(WIRE_SETTINGS) private readonly settings: WireSettings,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<unknown>();
    const response = http.getResponse<unknown>();
    const handler = (host as HandlerHost).getHandler?.();
    const routeMatched = typeof handler === 'function';
    const extraHeaders: Record<string, string> = {};
    const error = this.describe(exception, request, routeMatched, extraHeaders);
    if (headersSent(response)) {
      nodeResponse(response).end();
      return;
    }
    const family = routeMatched
      ? this.familyOfHandler(host as HandlerHost)
      : this.routes.familyOf(requestPath(request));
    const body = errorBody(family, error);
    if (error.status === 413) extraHeaders.Connection = 'close';
    if (family === 'oauth') {
      // RFC 6749 section 5.2: always JSON; a failed client authentication names the scheme.
      if (error.status === 401) extraHeaders['WWW-Authenticate'] = 'Basic realm="oauth"';
      const json = Buffer.from(errorJson(body), 'utf8');
      sendBytes(response, error.status, 'application/json; charset=utf-8', json, extraHeaders);
      return;
    }
    const negotiated = negotiateRequest(request);
    let bytes: Buffer;
    if (negotiated.formatter === 'xml') bytes = encodeText(errorXml(body), negotiated.charset);
    else if (negotiated.formatter === 'compressed-json')
      bytes = deflateJson(Buffer.from(errorJson(body), 'utf8'));
    else bytes = encodeText(errorJson(body), negotiated.charset);
    sendBytes(response, error.status, negotiated.contentType, bytes, extraHeaders);
  }

  private familyOfHandler(host: HandlerHost): ErrorFamily {
    const targets = [host.getHandler!(), host.getClass!()] as Array<() => void>;
    return (
      this.reflector.getAllAndOverride<ErrorFamily | undefined>(ERROR_FORMAT_KEY, targets) ??
      'legacy'
    );
  }

  private describe(
    exception: unknown,
    request: unknown,
    routeMatched: boolean,
    headers: Record<string, string>,
  ): ErrorDescription {
    if (exception instanceof DomainError) {
      if (exception.status >= 500) this.logger.error(exception.message, exception.stack);
      return {
        status: exception.status,
        grpc: exception.grpcCode,
        code: exception.code,
        // Domain 401s carry a code only; every format shows Web API's text.
        message: exception.kind === 'Unauthenticated' ? UNAUTHENTICATED_TEXT : exception.message,
        modelState:
          exception instanceof InvalidBody && this.includeErrorDetail(request)
            ? exception.detailedModelState
            : exception.modelState,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404 && !routeMatched) return this.unmatchedRoute(request, headers);
      // Only Fastify answers a 415 itself: a Content-Type it cannot parse, which
      // Web API takes for no Content-Type at all (our readers raise every other 415).
      if (status === 415) {
        return this.describe(WireErrors.unsupportedMediaType(null), request, routeMatched, headers);
      }
      if (status >= 500) this.logger.error(exception.message, exception.stack);
      return {
        status,
        grpc: GRPC_BY_STATUS[status] ?? (status >= 500 ? 13 : 3),
        code: CODE_BY_STATUS[status] ?? (status >= 500 ? 'Internal' : 'InvalidRequest'),
        message: MESSAGE_BY_STATUS[status] ?? messageOf(exception),
      };
    }
    this.logger.error(
      exception instanceof Error ? exception.message : String(exception),
      exception instanceof Error ? exception.stack : undefined,
    );
    return { status: 500, grpc: 13, code: 'Internal', message: 'An error has occurred.' };
  }

  /** IncludeErrorDetailPolicy: LocalOnly (the default) shows serializer messages to loopback callers only. */
  private includeErrorDetail(request: unknown): boolean {
    switch (this.settings.errorDetailPolicy) {
      case 'Always':
        return true;
      case 'Never':
        return false;
      default:
        return isLocalRequest(request);
    }
  }

  /** No route matched: 405 with `Allow` when the path exists for other methods, else Web API's 404. */
  private unmatchedRoute(request: unknown, headers: Record<string, string>): ErrorDescription {
    const method = requestMethod(request);
    const allowed = this.routes.allowedMethods(requestPath(request));
    if (allowed.length > 0 && !allowed.includes(method)) {
      headers.Allow = allowed.join(', ');
      return {
        status: 405,
        grpc: 12,
        code: 'MethodNotAllowed',
        message: `The requested resource does not support http method '${method}'.`,
      };
    }
    return {
      status: 404,
      grpc: 5,
      code: 'NotFound',
      message: `No HTTP resource was found that matches the request URI '${absoluteRequestUrl(request)}'.`,
    };
  }
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join(' ');
  return typeof message === 'string' ? message : exception.message;
}
