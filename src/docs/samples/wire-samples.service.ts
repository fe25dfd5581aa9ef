import { Inject, Injectable } from '@nestjs/common';
import { ContractClass, contractRegistry, WIRE_SETTINGS, WireCodec, WireSettings } from '@/wire';
import { REQUEST_EXAMPLES } from './request-examples';
import { sampleContext, WireSampleOutput, wireSampleOutput } from './wire-samples';

/** An example body in the two text formats: JSON as a value, XML as the text the wire layer writes. */
export interface WireExample {
  json: unknown;
  xml: string;
}

/** Each contract's sample written once by the wire layer (in LEGACY_TIME_ZONE), for /docs and /Help alike. */
@Injectable()
export class WireSamples {
  private readonly codec = new WireCodec();
  private readonly outputs = new Map<ContractClass, WireSampleOutput>();

  constructor(@Inject(WIRE_SETTINGS) private readonly settings: WireSettings) {}

  get timeZone(): string {
    return this.settings.legacyTimeZone;
  }

  of(contract: ContractClass): WireSampleOutput {
    let output = this.outputs.get(contract);
    if (!output) {
      output = wireSampleOutput(this.codec, contract, this.settings.legacyTimeZone);
      this.outputs.set(contract, output);
    }
    return output;
  }

  /** The Help sample of a contract the service writes. */
  responseExample(contract: ContractClass): WireExample {
    const output = this.of(contract);
    return { json: JSON.parse(output.json) as unknown, xml: output.xml };
  }

  /**
   * A body to send: the curated example when there is one (its XML read
   * through the wire layer's own JSON reader, then written), else the Help
   * sample, its JSON without the read-only members (ASP.NET writes them; the
   * service ignores them in a request).
   */
  requestExample(contract: ContractClass): WireExample {
    const json = REQUEST_EXAMPLES.get(contract);
    if (!json) {
      const sample = this.responseExample(contract);
      const readOnly = contractRegistry.plan(contract).jsonMembers.filter((m) => m.readOnly);
      const body = { ...(sample.json as Record<string, unknown>) };
      for (const member of readOnly) delete body[member.jsonName];
      return { json: body, xml: sample.xml };
    }
    const instance = this.codec.decode(contract, 'json', Buffer.from(JSON.stringify(json)), {
      parameterName: 'example',
      charset: null,
      maxInflatedBytes: 0,
    });
    const xml = this.codec.writeXml(contract, instance, sampleContext(this.timeZone));
    return { json, xml };
  }
}
