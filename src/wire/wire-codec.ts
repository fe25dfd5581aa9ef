import { ContractPlan, contractRegistry, ContractRegistry } from './datacontract/registry';
import { ContractClass, WriteContext } from './datacontract/wire-types';
import { deflateJson, inflateBody } from './format/compression';
import { readForm } from './format/form-reader';
import { ReadOptions } from './format/json-document';
import { readJson } from './format/json-reader';
import { JsonWriter } from './format/json-writer';
import { XmlReader } from './format/xml-reader';
import { XmlWriter } from './format/xml-writer';
import { BodyReaderId, Negotiated, ResponseCharset } from './negotiation/negotiation';
import { WireErrors } from './wire-errors';

const UTF16_BOM = Buffer.from([0xff, 0xfe]);

export function encodeText(text: string, charset: ResponseCharset | null): Buffer {
  if (charset === 'utf-16') return Buffer.concat([UTF16_BOM, Buffer.from(text, 'utf16le')]);
  return Buffer.from(text, 'utf8');
}

/** UTF-16 is two bytes a unit: an odd length is a truncated body (and `swap16` would throw). */
function assertWholeUtf16Units(bytes: Buffer): void {
  if (bytes.length % 2 !== 0)
    throw WireErrors.invalid({ '': ['The UTF-16 request body has an odd number of bytes.'] });
}

/** Request text: a BOM wins, then the declared charset, else UTF-8. */
export function decodeText(bytes: Buffer, charset: string | null): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    assertWholeUtf16Units(bytes);
    return bytes.toString('utf16le', 2);
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    assertWholeUtf16Units(bytes);
    const swapped = Buffer.from(bytes.subarray(2));
    return swapped.swap16().toString('utf16le');
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return bytes.toString('utf8', 3);
  if (charset === 'utf-16' || charset === 'utf-16le' || charset === 'unicode')
    return bytes.toString('utf16le');
  return bytes.toString('utf8');
}

export interface DecodeOptions extends ReadOptions {
  /** From the request's Content-Type. */
  charset: string | null;
  /** Cap on the decompressed size of compressed bodies. */
  maxInflatedBytes: number;
}

/**
 * The wire formats behind one facade: contract values to bytes and back.
 * Used by the HTTP layer, the render CLI and the tests alike.
 */
export class WireCodec {
  readonly jsonWriter: JsonWriter;
  readonly xmlWriter: XmlWriter;
  readonly xmlReader: XmlReader;

  constructor(readonly registry: ContractRegistry = contractRegistry) {
    this.jsonWriter = new JsonWriter(registry);
    this.xmlWriter = new XmlWriter(registry);
    this.xmlReader = new XmlReader(registry);
  }

  plan(contract: ContractClass | ContractPlan): ContractPlan {
    return typeof contract === 'function' ? this.registry.plan(contract) : contract;
  }

  writeJson(contract: ContractClass | ContractPlan, value: unknown, context: WriteContext): string {
    return this.jsonWriter.write(this.plan(contract), value, context);
  }

  writeXml(contract: ContractClass | ContractPlan, value: unknown, context: WriteContext): string {
    return this.xmlWriter.write(this.plan(contract), value, context);
  }

  /** The response body for a negotiated formatter. */
  encode(
    contract: ContractClass | ContractPlan,
    value: unknown,
    negotiated: Negotiated,
    context: WriteContext,
  ): Buffer {
    switch (negotiated.formatter) {
      case 'xml':
        return encodeText(this.writeXml(contract, value, context), negotiated.charset);
      case 'compressed-json':
        return deflateJson(Buffer.from(this.writeJson(contract, value, context), 'utf8'));
      default:
        return encodeText(this.writeJson(contract, value, context), negotiated.charset);
    }
  }

  /** A request body to a contract instance; throws the 400/413 DomainErrors. */
  decode(
    contract: ContractClass | ContractPlan,
    reader: BodyReaderId,
    bytes: Buffer,
    options: DecodeOptions,
  ): unknown {
    const plan = this.plan(contract);
    switch (reader) {
      case 'xml':
        return this.xmlReader.read(plan, decodeText(bytes, options.charset), options);
      case 'form':
        return readForm(plan, decodeText(bytes, options.charset), options);
      case 'compressed-json': {
        const inflated = inflateBody(bytes, options.maxInflatedBytes, options.parameterName);
        return readJson(plan, inflated, null, options);
      }
      default:
        return readJson(plan, bytes, options.charset, options);
    }
  }
}
