// @ts-check
// Builds the admin console into dist/web/admin: one minified ES module, one
// stylesheet and the icon sprite, each named by its content hash (served as
// immutable), and index.html naming them (served no-store). Run by `npm run build`.
import { build } from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const out = join(root, 'dist/web/admin');
const PUBLIC_PATH = '/admin/assets';

await rm(out, { recursive: true, force: true });
await mkdir(join(out, 'assets'), { recursive: true });
const result = await build({
  entryPoints: [join(here, 'src/main.tsx')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['chrome111', 'firefox115', 'safari16'],
  outdir: join(out, 'assets'),
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  publicPath: PUBLIC_PATH,
  loader: { '.svg': 'file' },
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

const entry = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint);
if (!entry || !entry[1].cssBundle) throw new Error('esbuild produced no script and stylesheet');
const url = (/** @type {string} */ file) =>
  `${PUBLIC_PATH}/${relative(join(out, 'assets'), resolve(root, file))}`;
const page = (await readFile(join(here, 'index.html'), 'utf8'))
  .replace('%SCRIPT%', url(entry[0]))
  .replace('%STYLE%', url(entry[1].cssBundle));
await writeFile(join(out, 'index.html'), page);
