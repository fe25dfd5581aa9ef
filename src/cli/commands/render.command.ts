import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import '@/legacy/contracts';
import { contractRegistry } from '@/wire/datacontract/registry';
import { parseVector, renderVector } from '@/wire/conformance/vector-render';
import { WireCodec } from '@/wire/wire-codec';
import { Command } from 'commander';

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
  writeLine: (line: string) => unknown,
): Promise<boolean> {
  const codec = new WireCodec(contractRegistry);
  let ok = true;
  for (const file of files) {
    const line = await renderFile(file, codec);
    if (line.error !== null) ok = false;
    await writeLine(JSON.stringify(line));
  }
  return ok;
}

/**
 * Renders to a stream and resolves only once every byte has been handed on:
 * waits for `drain` when the stream is full, then for the callback of a last
 * write. stdout on a pipe is asynchronous: output still queued when the
 * process ends is lost (84.9 MB rendered, 18.9 MB arrived).
 */
export async function renderTo(files: string[], out: Writable): Promise<boolean> {
  const ok = await renderFiles(files, (line) =>
    out.write(line + '\n') ? undefined : new Promise((resolve) => out.once('drain', resolve)),
  );
  await new Promise<void>((resolve, reject) =>
    out.write('', (error) => (error ? reject(error) : resolve())),
  );
  return ok;
}

/** `npm run cli -- render FILE...`: no database, no Nest application. */
export function renderCommand(): Command {
  return new Command('render')
    .description('render conformance-vector files as JSON and XML (one JSON line per file)')
    .argument('<files...>', 'conformance-vector files')
    .action(async (files: string[]) => {
      if (!(await renderTo(files, process.stdout))) process.exitCode = 1;
    });
}
