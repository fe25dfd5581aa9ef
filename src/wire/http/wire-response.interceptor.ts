import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { map, Observable } from 'rxjs';
import { contractRegistry } from '@/wire/datacontract/registry';
import { WireResult } from './wire-result';
import { WireRuntime } from './wire-runtime';

/**
 * Writes whatever a handler returns that the wire layer knows (a contract
 * instance or a WireResult) in the negotiated format. Anything else passes
 * through to Nest unchanged.
 */
@Injectable()
export class WireResponseInterceptor implements NestInterceptor {
  private readonly statusByHandler = new WeakMap<object, number>();

  constructor(private readonly runtime: WireRuntime) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    return next.handle().pipe(map((result: unknown) => this.write(context, result)));
  }

  private write(context: ExecutionContext, result: unknown): unknown {
    let contract;
    let value = result;
    let status: number | undefined;
    let headers: Record<string, string> | undefined;
    if (result instanceof WireResult) {
      contract = result.contract;
      value = result.value;
      status = result.status;
      headers = result.headers;
    } else {
      const plan = contractRegistry.planOfValue(result);
      if (!plan) return result;
      contract = plan.cls;
    }
    const http = context.switchToHttp();
    this.runtime.send(
      http.getRequest(),
      http.getResponse(),
      status ?? this.statusOf(context),
      contract,
      value,
      headers,
    );
    return undefined;
  }

  /** `@HttpCode` when given, else 200 (Web API answers 200 to a POST, not Nest's 201). */
  private statusOf(context: ExecutionContext): number {
    const handler = context.getHandler();
    let status = this.statusByHandler.get(handler);
    if (status === undefined) {
      status =
        (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ?? HttpStatus.OK;
      this.statusByHandler.set(handler, status);
    }
    return status;
  }
}
