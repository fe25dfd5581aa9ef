/**
 * Serializer microbenchmark (SPEC 7): our XML writer against fast-xml-parser's
 * XMLBuilder and xmlbuilder2 producing the same UserSessionDTO XML, and our
 * XML reader against a bare fast-xml-parser parse of the same document.
 * Run: `npx nest build && node dist/bench/serializers.js`.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { create } from 'xmlbuilder2';
import { UserSessionDTO } from '@/legacy/contracts';
import { VectorValues } from '@/wire/conformance/vector-values';
import { contractRegistry } from '@/wire/datacontract/registry';
import { XmlReader } from '@/wire/format/xml-reader';
import { XmlWriter } from '@/wire/format/xml-writer';

const VECTOR = resolve(
  __dirname,
  process.env.BENCH_VECTOR ?? '../../../shared/conformance/vectors/UserSessionDTO.values.json',
);
const SECONDS_PER_CASE = Number(process.env.BENCH_SECONDS ?? 3);

interface Case {
  name: string;
  run: () => unknown;
}

function measure({ name, run }: Case): { name: string; opsPerSec: number } {
  const warmUpEnd = process.hrtime.bigint() + 500_000_000n;
  while (process.hrtime.bigint() < warmUpEnd) run();
  let ops = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(SECONDS_PER_CASE * 1e9));
  let now = start;
  while (now < end) {
    for (let i = 0; i < 100; i++) {
      const out = run();
      sink += typeof out === 'string' ? out.length : 1;
    }
    ops += 100;
    now = process.hrtime.bigint();
  }
  if (sink < 0) console.log(sink); // keeps the results alive
  return { name, opsPerSec: ops / (Number(now - start) / 1e9) };
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const XSD = 'http://www.w3.org/2001/XMLSchema';
const ARRAYS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';
const COLLECTIONS =
  'http://schemas.datacontract.org/2004/07/AlayaCare.Residential.Common.Collections';
const MODELS = 'http://schemas.datacontract.org/2004/07/AlayaCare.Residential.Common.Models';

/** The same document as a generic object tree, hand-built the way a user of XMLBuilder would. */
function builderTree(session: UserSessionDTO, dateOf: (d: Date) => string) {
  const properties = (list: UserSessionDTO['Props']) =>
    (list ?? []).map((p) => ({
      'd2p1:Name': p.Name,
      'd2p1:Value': {
        '@_xmlns:d4p1': XSD,
        '@_i:type': typeof p.Value === 'number' ? 'd4p1:int' : 'd4p1:string',
        '#text': String(p.Value),
      },
      'd2p1:ValueForXML': p.ValueForXML,
    }));
  const audit = (a: UserSessionDTO['Created']) => ({
    '@_xmlns:d2p1': MODELS,
    'd2p1:DateUtc': dateOf(a!.DateUtc),
    'd2p1:UserName': a!.UserName,
  });
  return {
    UserSessionDTO: {
      '@_xmlns:i': XSI,
      '@_xmlns':
        'http://schemas.datacontract.org/2004/07/AlayaCare.Residential.AuthClient.Abstractions',
      AppData: { '@_xmlns:d2p1': COLLECTIONS, 'd2p1:Property': properties(session.AppData) },
      Created: audit(session.Created),
      ExpiryDateUtc: dateOf(session.ExpiryDateUtc),
      Features: { '@_xmlns:d2p1': ARRAYS, 'd2p1:string': session.Features },
      LastUpdated: audit(session.LastUpdated),
      Props: { '@_xmlns:d2p1': COLLECTIONS, 'd2p1:Property': properties(session.Props) },
      RecordState: 'Active',
      SessionData: {
        '@_xmlns:d2p1': COLLECTIONS,
        'd2p1:Property': properties(session.SessionData),
      },
      SessionID: session.SessionID,
      UserHash: session.UserHash,
      UserID: session.UserID,
      UserToken: session.UserToken,
    },
  };
}

export async function runSerializerBench(): Promise<Array<{ name: string; opsPerSec: number }>> {
  const vector = JSON.parse(readFileSync(VECTOR, 'utf8')) as {
    values: unknown;
    xml: string;
    timeZone: string;
  };
  const plan = contractRegistry.plan(UserSessionDTO);
  const session = new VectorValues(contractRegistry).toInstance(
    plan,
    vector.values,
  ) as UserSessionDTO;
  const context = { timeZone: vector.timeZone, now: Date.now() };
  const writer = new XmlWriter(contractRegistry);
  const reader = new XmlReader(contractRegistry);
  const dateOf = (d: Date) => d.toISOString().replace('.000Z', '+00:00');
  const fxpBuilder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    suppressEmptyNode: true,
  });
  const fxpParser = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    processEntities: false,
  });

  if (writer.write(plan, session, context) !== vector.xml)
    throw new Error('our writer does not reproduce the vector');

  const results = [
    measure({
      name: 'xml write: ours (plan-driven)',
      run: () => writer.write(plan, session, context),
    }),
    measure({
      name: 'xml write: fast-xml-parser XMLBuilder',
      run: () => fxpBuilder.build(builderTree(session, dateOf)),
    }),
    measure({
      name: 'xml write: xmlbuilder2',
      run: () => create(builderTree(session, dateOf)).end({ headless: true }),
    }),
    measure({
      name: 'xml read: ours (validate + parse + bind)',
      run: () => reader.read(plan, vector.xml, { parameterName: 'p' }),
    }),
    measure({
      name: 'xml read: bare fast-xml-parser parse',
      run: () => fxpParser.parse(vector.xml),
    }),
  ];
  return results;
}

export function report(results: Array<{ name: string; opsPerSec: number }>) {
  const byName = new Map(results.map((r) => [r.name, r.opsPerSec]));
  for (const r of results)
    console.log(
      `${r.name.padEnd(44)} ${Math.round(r.opsPerSec).toLocaleString('en-US').padStart(12)} ops/s`,
    );
  const ours = byName.get('xml write: ours (plan-driven)')!;
  console.log(
    `writer vs XMLBuilder:  ${(ours / byName.get('xml write: fast-xml-parser XMLBuilder')!).toFixed(2)}x`,
  );
  console.log(
    `writer vs xmlbuilder2: ${(ours / byName.get('xml write: xmlbuilder2')!).toFixed(2)}x`,
  );
  const read = byName.get('xml read: ours (validate + parse + bind)')!;
  console.log(
    `reader vs bare parse:  ${(read / byName.get('xml read: bare fast-xml-parser parse')!).toFixed(2)}x`,
  );
}

if (require.main === module) {
  runSerializerBench().then(report, (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
