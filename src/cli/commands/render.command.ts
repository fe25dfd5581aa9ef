import { readFile } from 'node:fs/promises';
import '@/contracts/legacy';
import { contractRegistry } from '@/wire/contracts/registry';
import { parseVector, renderVector } from '@/wire/conformance/vector-render';
import { WireCodec } from '@/wire/wire-codec';
import { CliCommand, parseArgs } from '../cli-command';

export interface RenderLine {
  file: string;
  json: string | null;
  xml: string | null;
  error: string | null;
}

/** Renders one conformance-vector file through the contract registry, in its own time zone. */
export async function renderFile(
  file: string,
  codec = new WireCodec(contractRegistry),
): Promise<RenderLine> {
  try {
    const vector = parseVector(await readFile(file, 'utf8'));
    const { json, xml } = renderVector(vector, codec);
    return { file, json, xml, error: null };
  } catch (error) {
    return {
      file,
      json: null,
      xml: null,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

/** One JSON line per file, in order; true when every file rendered. */
export async function renderFiles(
  files: string[],
  writeLine: (line: string) => void,
): Promise<boolean> {
  const codec = new WireCodec(contractRegistry);
  let ok = true;
  for (const file of files) {
    const line = await renderFile(file, codec);
    if (line.error !== null) ok = false;
    writeLine(JSON.stringify(line));
  }
  return ok;
}

/** `npm run cli -- render FILE...`: no database, no Nest application. */
export const renderCommand: CliCommand = {
  name: 'render',
  usage:
    'render FILE...   render conformance-vector files as JSON and XML (one JSON line per file)',
  async run(args: string[]): Promise<number> {
    const { positional } = parseArgs(args);
    if (positional.length === 0) {
      process.stderr.write(`usage: npm run cli -- ${this.usage}\n`);
      return 1;
    }
    const ok = await renderFiles(positional, (line) => process.stdout.write(line + '\n'));
    return ok ? 0 : 1;
  },
};
