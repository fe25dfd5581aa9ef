import {
  ArgumentMetadata,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  PipeTransform,
} from '@nestjs/common';
import { ContractClass } from '@/wire/datacontract/wire-types';
import { WireBodyParamOptions, WireRuntime } from './wire-runtime';

/** Resolves `@WireBody` parameters: the raw request in, a validated contract instance out. */
@Injectable()
export class WireBodyPipe implements PipeTransform {
  constructor(private readonly runtime: WireRuntime) {}

  transform(request: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return this.runtime.readBody(request, metadata.data as unknown as WireBodyParamOptions);
  }
}

const requestOf = createParamDecorator((_options: unknown, context: ExecutionContext) =>
  context.switchToHttp().getRequest<unknown>(),
);

/**
 * The request body decoded from JSON, XML, compressed JSON or a form as
 * `contract`, validated (400 with ModelState keyed `parameterName.Member`).
 */
export function WireBody(
  contract: ContractClass,
  options: Omit<WireBodyParamOptions, 'contract'> = {},
): ParameterDecorator {
  return requestOf({ contract, ...options }, WireBodyPipe);
}
