import { dataContractNamespace } from '@/wire';

/** The CLR namespaces of `legacy-contracts/Contracts.cs`, as DataContract XML namespaces. */
export const LegacyNamespaces = {
  apiHelpers: dataContractNamespace('API.Helpers'),
  modelDto: dataContractNamespace('Model.Dto'),
  collections: dataContractNamespace('AlayaCare.Residential.Common.Collections'),
  models: dataContractNamespace('AlayaCare.Residential.Common.Models'),
  authClient: dataContractNamespace('AlayaCare.Residential.AuthClient.Abstractions'),
  swaggerModels: dataContractNamespace('IO.Swagger.Models'),
} as const;
