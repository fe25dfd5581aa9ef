import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConformanceVector, parseVector } from '@/wire/conformance/vector-render';

/** `../shared` next to the repository (tests run from TypeScript sources). */
export const SHARED_DIR = resolve(__dirname, '../../..', '../shared');
export const VECTORS_DIR = join(SHARED_DIR, 'conformance/vectors');
export const SEEDS_DIR = join(SHARED_DIR, 'seeds');

export interface VectorFile {
  file: string;
  path: string;
  vector: ConformanceVector;
}

export function loadVectors(): VectorFile[] {
  return readdirSync(VECTORS_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const path = join(VECTORS_DIR, file);
      return { file, path, vector: parseVector(readFileSync(path, 'utf8')) };
    });
}

/** The seed page whose name starts with `prefix` (e.g. `000`). */
export function readSeed(prefix: string): string {
  const file = readdirSync(SEEDS_DIR).find((name) => name.startsWith(prefix));
  if (!file) throw new Error(`no seed ${prefix}`);
  return readFileSync(join(SEEDS_DIR, file), 'utf8');
}

/**
 * The help pages' samples are exact .NET output, pretty-printed for the page:
 * strip the indentation and line breaks to get the wire bytes back.
 */
export function jsonSamples(seed: string): string[] {
  return (seed.match(/^\{\r?$[\s\S]*?^\}\r?$/gm) ?? []).map((block) =>
    block.replace(/\r?\n\s*/g, '').replace(/":\s/g, '":'),
  );
}

export function xmlSamples(seed: string, root: string): string[] {
  const pattern = new RegExp(`<${root} xmlns:i=[\\s\\S]*?</${root}>`, 'g');
  return (seed.match(pattern) ?? []).map((block) => block.replace(/>\s+</g, '><'));
}

/** Normalises line breaks the way an XML reader does. */
export function xmlLineBreaks<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
    typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v,
  ) as T;
}
