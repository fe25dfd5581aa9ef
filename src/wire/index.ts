export * from './datacontract/wire-types';
export {
  WireContract,
  WireCollection,
  WireMember,
  dataContractNamespace,
} from './datacontract/decorators';
export { ContractRegistry, contractRegistry } from './datacontract/registry';
export type { ContractPlan, MemberPlan, TypePlan } from './datacontract/registry';
export {
  formatDate,
  formatUsGeneral,
  parseDate,
  SUB_MILLISECOND_TICKS,
} from './format/date-format';
export { WireCodec, encodeText, decodeText } from './wire-codec';
export { negotiate } from './negotiation/negotiation';
export type { Negotiated, FormatterId } from './negotiation/negotiation';
export { WireErrors } from './wire-errors';
export { WireModule } from './wire.module';
export { WireBody, WireBodyPipe } from './http/wire-body.decorator';
export { WireResult, wireResult } from './http/wire-result';
export { ErrorFormat } from './http/error-format.decorator';
export type { ErrorFamily } from './http/error-format.decorator';
export { WireRuntime } from './http/wire-runtime';
export type { WireBodyParamOptions } from './http/wire-runtime';
export type { WireSettings } from './http/wire-settings';
export { WIRE_SETTINGS } from './http/wire-settings';
export { ContractSchemas, openApiSchemaFor, openApiXmlSchemaFor } from './openapi/openapi-schema';
