import { Inject, Injectable } from '@nestjs/common';
import { ContractClass, WIRE_SETTINGS, WireCodec, WireSettings } from '@/wire';
import { WireSampleOutput, wireSampleOutput } from './wire-samples';

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
}
