import { inflateRawSync } from 'node:zlib';
import '@/legacy/contracts';
import { contractRegistry } from '@/wire/datacontract/registry';
import { loadVectors, xmlLineBreaks } from '@test/support/wire/vector-fixtures';
import { WireCodec } from '@/wire/wire-codec';
import { deflateJson } from '@/wire/format/compression';
import { renderVector } from '@/wire/conformance/vector-render';
import { VectorValues } from '@/wire/conformance/vector-values';

const codec = new WireCodec(contractRegistry);
const read = (contract: string, reader: 'json' | 'xml', text: string) => {
  const plan = contractRegistry.plan(contractRegistry.classByName(contract)!);
  return codec.decode(plan, reader, Buffer.from(text, 'utf8'), {
    parameterName: 'body',
    charset: null,
    maxInflatedBytes: 1 << 20,
  });
};

describe.each(loadVectors().map((v) => [v.file, v.vector] as const))(
  'conformance vector %s',
  (_file, vector) => {
    const plan = contractRegistry.plan(contractRegistry.classByName(vector.contract)!);
    const vectorValues = new VectorValues(contractRegistry, (p, value) =>
      codec.writeJson(p, value, { timeZone: vector.timeZone, now: Date.now() }),
    );
    const expectedInstance = vectorValues.toInstance(plan, vector.values);

    it('writes values as the exact JSON and XML bytes', () => {
      const rendered = renderVector(vector, codec);
      expect(rendered.json).toBe(vector.json);
      expect(rendered.xml).toBe(vector.xml);
    });

    it('loads values without losing any settable member', () => {
      const computed = new Set(plan.allMembers.filter((m) => m.readOnly).map((m) => m.property));
      const settable = Object.fromEntries(
        Object.entries(vector.values as Record<string, unknown>).filter(
          ([key]) => !computed.has(key),
        ),
      );
      expect(vectorValues.fromInstance(plan, expectedInstance)).toEqual(settable);
    });

    it('reads the XML back to values', () => {
      const instance = read(vector.contract, 'xml', vector.xml!);
      expect(vectorValues.fromInstance(plan, instance, 'xml')).toEqual(
        xmlLineBreaks(vectorValues.fromInstance(plan, expectedInstance, 'xml')),
      );
    });

    it('reads the JSON back to values', () => {
      const instance = read(vector.contract, 'json', vector.json!);
      expect(vectorValues.fromInstance(plan, instance, 'json')).toEqual(
        vectorValues.fromInstance(plan, expectedInstance, 'json'),
      );
    });

    it('reads the .NET DEFLATE stream back to values, and our DEFLATE inflates to the same JSON', () => {
      const compressed = Buffer.from(vector.compressedJsonBase64!, 'base64');
      expect(inflateRawSync(compressed).toString('utf8')).toBe(vector.json);
      const instance = codec.decode(plan, 'compressed-json', compressed, {
        parameterName: 'body',
        charset: null,
        maxInflatedBytes: 1 << 20,
      });
      expect(vectorValues.fromInstance(plan, instance, 'json')).toEqual(
        vectorValues.fromInstance(plan, expectedInstance, 'json'),
      );
      expect(inflateRawSync(deflateJson(Buffer.from(vector.json!, 'utf8'))).toString('utf8')).toBe(
        vector.json,
      );
    });
  },
);
