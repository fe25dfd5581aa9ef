import { t, WireCollection, WireContract, WireMember } from '@/wire';
import { LegacyNamespaces } from './namespaces';

/** `AlayaCare.Residential.Common.Collections.Property`. */
@WireContract({ namespace: LegacyNamespaces.collections })
export class Property {
  @WireMember({ type: t.string(), jsonName: 'n' })
  Name!: string | null;

  /** `object`: XML carries `i:type` for the runtime type; JSON leaves it out when null. */
  @WireMember({ type: t.object(), jsonName: 'v', jsonIgnoreNull: true })
  Value!: unknown;

  @WireMember({ type: t.string(), in: 'xml' })
  ValueForXML!: string | null;

  static of(name: string, value: unknown): Property {
    const property = new Property();
    property.Name = name;
    property.Value = value;
    property.ValueForXML = value === null || value === undefined ? null : String(value);
    return property;
  }
}

/** `PropertyCollection.Get`: the value of the first property with that name if it is a string, else null. */
export function propertyValue(
  properties: readonly Property[] | null | undefined,
  name: string,
): string | null {
  if (!properties) return null;
  for (const property of properties) {
    if (property.Name === name) return typeof property.Value === 'string' ? property.Value : null;
  }
  return null;
}

/** `[CollectionDataContract(ItemName = "Property")] PropertyCollection : List<Property>`. */
@WireCollection({
  name: 'ArrayOfProperty',
  namespace: LegacyNamespaces.collections,
  itemName: 'Property',
  item: t.contract(() => Property),
})
export class PropertyCollection extends Array<Property> {
  static fromList(properties: Iterable<Property>): PropertyCollection {
    const collection = new PropertyCollection();
    for (const property of properties) collection.push(property);
    return collection;
  }

  Get(name: string): string | null {
    return propertyValue(this, name);
  }
}
