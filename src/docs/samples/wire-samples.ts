import { ContractClass, Negotiated, WireCodec, WriteContext } from '@/wire';
import { prettyJson } from './pretty-json';
import { prettyXml } from './pretty-xml';
import { SAMPLE_INSTANT, SampleGenerator } from './sample-generator';

/** One sample block of a Help page: the media types it stands for and its text (null: not available). */
export interface MediaTypeSample {
  mediaTypes: string[];
  text: string | null;
  /** Shown above the sample. */
  note?: string;
}

/** The bytes the wire layer writes for a contract's sample instance, per format. */
export interface WireSampleOutput {
  json: string;
  xml: string;
  compressed: Buffer;
}

const COMPRESSED_JSON: Negotiated = {
  formatter: 'compressed-json',
  mediaType: 'application/x-compressed-json',
  charset: null,
  contentType: 'application/x-compressed-json',
};

/** The context samples are written in: the legacy zone, and "now" at the sample instant (ASP.NET's `DateTime.Now`). */
export function sampleContext(timeZone: string): WriteContext {
  return { timeZone, now: SAMPLE_INSTANT.getTime() };
}

/** A contract's sample instance through the wire layer's own writers. */
export function wireSampleOutput(
  codec: WireCodec,
  contract: ContractClass,
  timeZone: string,
): WireSampleOutput {
  const instance = SampleGenerator.build(contract);
  const context = sampleContext(timeZone);
  const json = codec.writeJson(contract, instance, context);
  return {
    json,
    xml: codec.writeXml(contract, instance, context),
    compressed: codec.encode(contract, instance, COMPRESSED_JSON, context),
  };
}

/**
 * The samples block of a Help page, as ASP.NET groups them: JSON and XML
 * indented as the seeds show; compressed JSON as base64 (its bytes are
 * binary); form bodies (requests only) "not available", as ASP.NET says.
 */
export function helpSamples(output: WireSampleOutput, direction: 'request' | 'response') {
  const samples: MediaTypeSample[] = [
    { mediaTypes: ['application/json', 'text/json'], text: prettyJson(output.json) },
    { mediaTypes: ['application/xml', 'text/xml'], text: prettyXml(output.xml) },
    {
      mediaTypes: ['application/x-compressed-json'],
      text: output.compressed.toString('base64'),
      note: 'Binary (the JSON above, raw DEFLATE), shown here as base64.',
    },
  ];
  if (direction === 'request')
    samples.push({ mediaTypes: ['application/x-www-form-urlencoded'], text: null });
  return samples;
}
