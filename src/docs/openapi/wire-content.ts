import {
  ContentObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ContractClass, ContractSchemas } from '@/wire';
import { WireExample } from '@/docs/samples/wire-samples.service';
import { COMPRESSED_JSON, FORM, JSON_TYPES, XML_TYPES } from './media-types';

/**
 * A contract in every media type the wire layer speaks, each referencing the
 * contract's named schema (JSON form, or its XML form), with the example
 * written by the wire layer itself.
 */
export function wireContent(
  schemas: ContractSchemas,
  contract: ContractClass,
  example: WireExample,
  direction: 'request' | 'response',
): ContentObject {
  const json = schemas.ref(contract, 'json') as SchemaObject;
  const xml = schemas.ref(contract, 'xml') as SchemaObject;
  const content: ContentObject = {};
  for (const type of JSON_TYPES) content[type] = { schema: json, example: example.json };
  for (const type of XML_TYPES) content[type] = { schema: xml, example: example.xml };
  content[COMPRESSED_JSON] = {
    schema: {
      description:
        'The application/json body compressed with raw DEFLATE (RFC 1951, no zlib or gzip header). ' +
        'Requests may also send zlib or gzip.',
      allOf: [json],
    },
  };
  if (direction === 'request') {
    content[FORM] = {
      schema: {
        description:
          'Bound by member name, case-insensitively (CLR, JSON or XML name). Collections repeat the key ' +
          '(`IdIssuerBranches=1&IdIssuerBranches=2`, `[]` and `[0]` suffixes too); booleans `true`/`false`.',
        allOf: [json],
      },
    };
  }
  return content;
}
