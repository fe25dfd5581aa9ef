import { t, WireContract, WireMember } from '@/wire';
import { ContractSchemas, openApiSchemaFor } from './openapi-schema';

enum Colour {
  Red = 1,
  Blue = 2,
}

@WireContract({ name: 'Twin', namespace: 'http://schemas.datacontract.org/2004/07/Alpha' })
class AlphaTwin {
  @WireMember({ type: t.string() }) Name!: string | null;
}

@WireContract({ name: 'Twin', namespace: 'http://schemas.datacontract.org/2004/07/Beta' })
class BetaTwin {
  @WireMember({ type: t.int(), nullable: true }) Count!: number | null;
}

@WireContract({ name: 'Plain', namespace: 'http://schemas.datacontract.org/2004/07/Alpha' })
class Plain {
  @WireMember({ type: t.contract(() => AlphaTwin), required: true }) twin!: AlphaTwin | null;
  @WireMember({ type: t.list(t.string()) }) tags!: string[] | null;
  @WireMember({ type: t.object() }) anything!: unknown;
}

@WireContract({ name: 'Legacyish', namespace: 'http://schemas.datacontract.org/2004/07/Alpha' })
class Legacyish {
  @WireMember({ type: t.enum(Colour, 'Colour'), jsonName: 'colour' }) Colour!: Colour;
  @WireMember({ type: t.contract(() => BetaTwin), jsonName: 'twin' }) Twin!: BetaTwin | null;
  @WireMember({ type: t.string(), in: 'xml' }) Secret!: string | null;
  @WireMember({ type: t.string(), jsonIgnoreNull: true }) Note!: string | null;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('ContractSchemas', () => {
  it('qualifies contracts that share a name by their CLR namespace, whichever is used', () => {
    const schemas = new ContractSchemas(new Set(), []);
    expect(schemas.ref(BetaTwin, 'json')).toEqual(ref('Beta.Twin'));
    expect(schemas.ref(AlphaTwin, 'json')).toEqual(ref('Alpha.Twin'));
    expect(Object.keys(schemas.components())).toEqual(['Alpha.Twin', 'Beta.Twin']);
  });

  it('qualifies a contract whose name another schema already has', () => {
    const schemas = new ContractSchemas(new Set(['Plain']), []);
    expect(schemas.ref(Plain, 'json')).toEqual(ref('Alpha.Plain'));
  });

  it('gives a contract one schema when JSON and XML agree, with its xml object', () => {
    const schemas = new ContractSchemas(new Set(), [Plain]);
    expect(schemas.ref(Plain, 'xml')).toEqual(ref('Plain'));
    const plain = schemas.components().Plain;
    expect(plain).toEqual({
      type: 'object',
      title: 'Plain',
      properties: {
        twin: {
          type: 'object',
          nullable: true,
          allOf: [ref('Alpha.Twin')],
          xml: { name: 'twin' },
        },
        tags: {
          type: 'array',
          items: {
            type: 'string',
            xml: {
              name: 'string',
              namespace: 'http://schemas.microsoft.com/2003/10/Serialization/Arrays',
            },
          },
          xml: { wrapped: true },
          nullable: true,
        },
        anything: { description: 'Any value; XML carries its type in i:type.' },
      },
      // Read from requests: only what the contract requires.
      required: ['twin'],
      xml: { name: 'Plain', namespace: 'http://schemas.datacontract.org/2004/07/Alpha' },
    });
  });

  it('gives a contract `<Name>.xml` when its XML form differs, each form naming its own members', () => {
    const schemas = new ContractSchemas(new Set(), []);
    expect(schemas.ref(Legacyish, 'json')).toEqual(ref('Legacyish'));
    expect(schemas.ref(Legacyish, 'xml')).toEqual(ref('Legacyish.xml'));
    const { Legacyish: json, 'Legacyish.xml': xml } = schemas.components();
    expect(Object.keys(json.properties as object)).toEqual(['colour', 'twin', 'Note']);
    expect(Object.keys(xml.properties as object)).toEqual(['Colour', 'Note', 'Secret', 'Twin']);
    expect((json.properties as Record<string, unknown>).colour).toMatchObject({
      type: 'integer',
      enum: [1, 2],
    });
    expect((xml.properties as Record<string, unknown>).Colour).toEqual({
      type: 'string',
      enum: ['Red', 'Blue'],
    });
    // Written only: every member the writer always writes is required; JSON drops a null Note.
    expect(json.required).toEqual(['colour', 'twin']);
    expect(xml.required).toEqual(['Colour', 'Note', 'Secret', 'Twin']);
    expect(json.xml).toBeUndefined();
    expect(xml.xml).toEqual({
      name: 'Legacyish',
      namespace: 'http://schemas.datacontract.org/2004/07/Alpha',
    });
  });

  it('inlines nested contracts for a standalone schema', () => {
    expect(openApiSchemaFor(Legacyish).properties).toMatchObject({
      twin: { type: 'object', nullable: true, allOf: [{ title: 'Twin', type: 'object' }] },
    });
  });
});
