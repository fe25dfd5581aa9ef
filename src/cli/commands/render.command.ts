import { readFile } from 'node:fs/promises';
import '@/contracts/legacy';
import { contractRegistry } from '@/wire/contracts/registry';
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

/** Writes to stdout and resolves once the bytes are handed on, so a pipe gets all of them. */
function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) =>
    process.stdout.write(text, (error) => (error ? reject(error) : resolve())),
  );
}

/** `npm run cli -- render FILE...`: no database, no Nest application. */
export function renderCommand(): Command {
  return new Command('render')
    .description('render conformance-vector files as JSON and XML (one JSON line per file)')
    .argument('<files...>', 'conformance-vector files')
    .action(async (files: string[]) => {
      const lines: Promise<void>[] = [];
      const ok = await renderFiles(files, (line) => lines.push(writeOut(line + '\n')));
      await Promise.all(lines);
      if (!ok) process.exitCode = 1;
    });
}
