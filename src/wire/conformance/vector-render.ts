import { ContractRegistry } from '@/wire/datacontract/registry';
import { WireCodec } from '@/wire/wire-codec';
import { VectorValues } from './vector-values';
import { isTimeZone } from '@/platform/text/time-zone';

/** One conformance vector file (see conformance/README.md). */
export interface ConformanceVector {
  contract: string;
  case?: string;
  timeZone: string;
  note?: string;
  values: unknown;
  json?: string;
  xml?: string;
  compressedJsonBase64?: string;
}

export interface RenderedVector {
  json: string;
  xml: string;
}

/** Checks the shape of a parsed vector file; throws with a readable message. */
export function parseVector(text: string): ConformanceVector {
  const parsed = JSON.parse(text) as Partial<ConformanceVector>;
  if (typeof parsed !== 'object' || parsed === null)
    throw new Error('a vector file holds one JSON object');
  if (typeof parsed.contract !== 'string') throw new Error('"contract" must be a string');
  if (typeof parsed.timeZone !== 'string' || !isTimeZone(parsed.timeZone))
    throw new Error(
      `"timeZone" must be an IANA time zone (got ${JSON.stringify(parsed.timeZone)})`,
    );
  if (!('values' in parsed)) throw new Error('"values" is missing');
  return parsed as ConformanceVector;
}

/**
 * Renders a vector's values as JSON and XML through the contract registry, in
 * the vector's own time zone, computed members against `now`.
 */
export function renderVector(
  vector: ConformanceVector,
  codec: WireCodec,
  registry: ContractRegistry = codec.registry,
  now: number = Date.now(),
): RenderedVector {
  const cls = registry.classByName(vector.contract);
  if (!cls) throw new Error(`unknown contract "${vector.contract}"`);
  const plan = registry.plan(cls);
  const instance = new VectorValues(registry).toInstance(plan, vector.values);
  const context = { timeZone: vector.timeZone, now };
  return {
    json: codec.writeJson(plan, instance, context),
    xml: codec.writeXml(plan, instance, context),
  };
}
