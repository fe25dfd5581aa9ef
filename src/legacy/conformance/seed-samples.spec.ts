import '@/legacy/contracts';
import { contractRegistry } from '@/wire/datacontract/registry';
import { jsonSamples, readSeed, xmlSamples } from '@test/support/wire/vector-fixtures';
import { WireCodec } from '@/wire/wire-codec';

const codec = new WireCodec(contractRegistry);

function roundTrip(
  contract: string,
  reader: 'json' | 'xml',
  sample: string,
  timeZone: string,
): string {
  const plan = contractRegistry.plan(contractRegistry.classByName(contract)!);
  const value = codec.decode(plan, reader, Buffer.from(sample, 'utf8'), {
    parameterName: 'body',
    charset: null,
    maxInflatedBytes: 1 << 20,
  });
  const context = { timeZone, now: Date.now() };
  return reader === 'json'
    ? codec.writeJson(plan, value, context)
    : codec.writeXml(plan, value, context);
}

interface SeedSample {
  seed: string;
  contract: string;
  reader: 'json' | 'xml';
  index: number;
  timeZone: string;
}

const samples: SeedSample[] = [
  {
    seed: '000',
    contract: 'UsuarioDto',
    reader: 'json',
    index: 0,
    timeZone: 'America/Mexico_City',
  },
  { seed: '000', contract: 'UsuarioDto', reader: 'xml', index: 0, timeZone: 'America/Mexico_City' },
  {
    seed: '000',
    contract: 'GenericResponse',
    reader: 'json',
    index: 1,
    timeZone: 'America/Mexico_City',
  },
  {
    seed: '000',
    contract: 'GenericResponse',
    reader: 'xml',
    index: 0,
    timeZone: 'America/Mexico_City',
  },
  { seed: '001', contract: 'UserSessionDTO', reader: 'json', index: 0, timeZone: 'UTC' },
  { seed: '001', contract: 'UserSessionDTO', reader: 'json', index: 1, timeZone: 'UTC' },
  { seed: '001', contract: 'UserSessionDTO', reader: 'xml', index: 0, timeZone: 'UTC' },
  { seed: '003', contract: 'UserInfo', reader: 'json', index: 0, timeZone: 'Europe/Madrid' },
  { seed: '003', contract: 'UserInfo', reader: 'xml', index: 0, timeZone: 'Europe/Madrid' },
  { seed: '003', contract: 'UserLogged', reader: 'json', index: 1, timeZone: 'Europe/Madrid' },
  { seed: '003', contract: 'UserLogged', reader: 'xml', index: 0, timeZone: 'Europe/Madrid' },
];

describe('seed help-page samples read and write back byte for byte', () => {
  it.each(samples)(
    'seed $seed $contract $reader sample #$index',
    ({ seed, contract, reader, index, timeZone }) => {
      const text = readSeed(seed);
      const sample =
        reader === 'json' ? jsonSamples(text)[index] : xmlSamples(text, contract)[index];
      expect(sample).toBeDefined();
      expect(roundTrip(contract, reader, sample, timeZone)).toBe(sample);
    },
  );

  it('keeps the 7-digit fractions of the seeds', () => {
    const [sample] = xmlSamples(readSeed('001'), 'UserSessionDTO');
    expect(sample).toContain('2024-05-20T04:23:26.0970256+00:00');
    expect(roundTrip('UserSessionDTO', 'xml', sample, 'UTC')).toContain(
      '2024-05-20T04:23:26.0970256+00:00',
    );
  });
});
