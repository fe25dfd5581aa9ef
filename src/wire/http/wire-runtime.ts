import { Inject, Injectable } from '@nestjs/common';
import { getMetadataStorage, validate } from 'class-validator';
import { contractRegistry } from '@/wire/datacontract/registry';
import { ContractClass } from '@/wire/datacontract/wire-types';
import { charsetOf, parseMediaType } from '@/wire/negotiation/media-type';
import { readerFor } from '@/wire/negotiation/negotiation';
import { WireCodec } from '@/wire/wire-codec';
import { ModelStateErrors, WireErrors } from '@/wire/wire-errors';
import { bodyLimitFor } from './body-bounds';
import { hasBody, readRawBody } from './body-reader';
import { nodeRequest, requestHeader, sendBytes } from './http-adapter';
import { negotiateRequest } from './request-negotiation';
import { WIRE_SETTINGS, WireSettings } from './wire-settings';

export interface WireBodyParamOptions {
  contract: ContractClass;
  /** ModelState prefix, as the action's parameter name (`usuario`). */
  parameterName?: string;
  /** A missing body yields null instead of a 400. */
  optional?: boolean;
}

/** The default ModelState prefix: the contract name with a lower-case first letter. */
function defaultParameterName(contract: ContractClass): string {
  const name = contractRegistry.plan(contract).name;
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * The wire layer's request/response work, shared by the body pipe, the
 * response interceptor and the exception filter.
 */
@Injectable()
export class WireRuntime {
  readonly codec = new WireCodec(contractRegistry);
  private readonly extraValidation = new Map<ContractClass, boolean>();

  constructor(@Inject(WIRE_SETTINGS) readonly settings: WireSettings) {}

  /** Writes a contract value in the format the request negotiates. */
  send(
    request: unknown,
    response: unknown,
    status: number,
    contract: ContractClass,
    value: unknown,
    headers?: Record<string, string>,
  ): void {
    const negotiated = negotiateRequest(request);
    const context = { timeZone: this.settings.legacyTimeZone, now: Date.now() };
    sendBytes(
      response,
      status,
      negotiated.contentType,
      this.codec.encode(contract, value, negotiated, context),
      headers,
    );
  }

  /** Reads, decodes and validates a request body as `options.contract`. */
  async readBody(request: unknown, options: WireBodyParamOptions): Promise<unknown> {
    const parameterName = options.parameterName ?? defaultParameterName(options.contract);
    const node = nodeRequest(request);
    const missing = () => {
      if (options.optional) return null;
      throw WireErrors.invalid({ [parameterName]: ['A non-empty request body is required.'] });
    };
    if (!hasBody(node)) return missing();
    const contentType = requestHeader(request, 'content-type');
    // An unparsable Content-Type (`foo`) is no Content-Type to System.Net.Http
    const parsed = parseMediaType(contentType);
    const reader = parsed ? readerFor(parsed.mediaType.toLowerCase()) : undefined;
    if (!reader) {
      node.resume();
      // Web API's 415 text prints the media type as sent, case kept
      throw WireErrors.unsupportedMediaType(parsed ? parsed.mediaType : null);
    }
    const { bodyLimitBytes, maxDepth, bodyTimeoutMs } = this.settings;
    const bytes = await readRawBody(node, bodyLimitFor(this.settings, reader), bodyTimeoutMs);
    if (bytes.length === 0) return missing();
    const instance = this.codec.decode(options.contract, reader, bytes, {
      parameterName,
      charset: charsetOf(contentType),
      maxInflatedBytes: bodyLimitBytes,
      maxDepth,
    });
    if (instance === null) return missing();
    await this.validateExtra(options.contract, instance, parameterName);
    return instance;
  }

  /** Runs class-validator decorators a contract may add on top of its wire types. */
  private async validateExtra(contract: ContractClass, instance: unknown, parameterName: string) {
    let has = this.extraValidation.get(contract);
    if (has === undefined) {
      has = getMetadataStorage().getTargetValidationMetadatas(contract, '', true, false).length > 0;
      this.extraValidation.set(contract, has);
    }
    if (!has) return;
    const errors = new ModelStateErrors(parameterName, 'message');
    const visit = (list: Awaited<ReturnType<typeof validate>>, path: string) => {
      for (const error of list) {
        const key = path ? `${path}.${error.property}` : error.property;
        for (const message of Object.values(error.constraints ?? {})) errors.add(key, message);
        visit(error.children ?? [], key);
      }
    };
    visit(await validate(instance as object, { forbidUnknownValues: false }), '');
    errors.throwIfAny();
  }
}
