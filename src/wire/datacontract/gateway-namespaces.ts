import { dataContractNamespace } from '@/wire';

/** DataContract namespaces of the contracts this service adds (SPEC 4.1). */
export const GatewayNamespaces = {
  auth: dataContractNamespace('SessionGateway.Auth'),
  admin: dataContractNamespace('SessionGateway.Admin'),
  v2: dataContractNamespace('SessionGateway.V2'),
} as const;
