import {
  ContentObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ContractClass, openApiSchemaFor, openApiXmlSchemaFor } from '@/wire';
import { WireSampleOutput } from '@/docs/samples/wire-samples';
import { COMPRESSED_JSON, FORM, JSON_TYPES, XML_TYPES } from './media-types';

/** `application/x-compressed-json`: the JSON form, raw-DEFLATEd. */
function compressedSchema(json: SchemaObject): SchemaObject {
  return {
    description:
      'The application/json body compressed with raw DEFLATE (RFC 1951, no zlib or gzip header). ' +
      'Requests may also send zlib or gzip.',
    allOf: [json],
  };
}

/**
 * A contract in every media type the wire layer speaks, with the registry's
 * JSON and XML schemas and, as examples, the contract's Help sample written
 * by the wire layer itself.
 */
export function wireContent(
  contract: ContractClass,
  sample: WireSampleOutput | null,
  direction: 'request' | 'response',
): ContentObject {
  const json = openApiSchemaFor(contract) as SchemaObject;
  const xml = openApiXmlSchemaFor(contract) as SchemaObject;
  const jsonExample = sample ? { example: JSON.parse(sample.json) as unknown } : {};
  const xmlExample = sample ? { example: sample.xml } : {};
  const content: ContentObject = {};
  for (const type of JSON_TYPES) content[type] = { schema: json, ...jsonExample };
  for (const type of XML_TYPES) content[type] = { schema: xml, ...xmlExample };
  content[COMPRESSED_JSON] = { schema: compressedSchema(json) };
  if (direction === 'request') {
    content[FORM] = {
      schema: {
        ...json,
        description:
          'Bound by member name, case-insensitively (CLR, JSON or XML name). Collections repeat the key ' +
          '(`IdIssuerBranches=1&IdIssuerBranches=2`, `[]` and `[0]` suffixes too); booleans `true`/`false`.',
      },
    };
  }
  return content;
}
