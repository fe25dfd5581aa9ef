import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { RenderLine, renderFiles, renderTo } from './render.command';
import { loadVectors } from '@test/support/wire/vector-fixtures';

describe('render CLI command', () => {
  it('renders every vector file exactly as its json/xml, one JSON line each', async () => {
    const vectors = loadVectors();
    const lines: string[] = [];
    const ok = await renderFiles(
      vectors.map((v) => v.path),
      (line) => lines.push(line),
    );
    expect(ok).toBe(true);
    expect(lines).toHaveLength(vectors.length);
    lines.forEach((line, i) => {
      const parsed = JSON.parse(line) as RenderLine;
      expect(Object.keys(parsed)).toEqual(['file', 'json', 'xml', 'error']);
      expect(parsed).toEqual({
        file: vectors[i].path,
        json: vectors[i].vector.json,
        xml: vectors[i].vector.xml,
        error: null,
      });
    });
  });

  it('renders a vector in another time zone with that zone’s offset', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'render-'));
    const base = loadVectors().find((v) => v.file === 'UsuarioDto.seed.json')!.vector;
    const file = join(dir, 'tokyo.json');
    writeFileSync(file, JSON.stringify({ ...base, timeZone: 'Asia/Tokyo' }));
    const lines: string[] = [];
    await renderFiles([file], (line) => lines.push(line));
    const { json, xml } = JSON.parse(lines[0]) as RenderLine;
    expect(json).toContain('"CreationDate":"2026-01-13T20:55:51.302+09:00"');
    expect(xml).toContain('<CreationDate>2026-01-13T20:55:51.302+09:00</CreationDate>');
  });

  it('reports a bad file, keeps going, and fails the run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'render-'));
    const broken = join(dir, 'broken.json');
    const unknown = join(dir, 'unknown.json');
    writeFileSync(broken, '{ not json');
    writeFileSync(unknown, JSON.stringify({ contract: 'Nope', timeZone: 'UTC', values: {} }));
    const good = loadVectors()[0];
    const lines: string[] = [];
    const ok = await renderFiles([broken, good.path, unknown, join(dir, 'missing.json')], (line) =>
      lines.push(line),
    );
    expect(ok).toBe(false);
    const parsed = lines.map((line) => JSON.parse(line) as RenderLine);
    expect(parsed.map((p) => p.error === null)).toEqual([false, true, false, false]);
    expect(parsed[0]).toMatchObject({ file: broken, json: null, xml: null });
    expect(parsed[2].error).toContain('unknown contract "Nope"');
    expect(parsed[1].json).toBe(good.vector.json);
  });
});

describe('render CLI output', () => {
  /** A pipe whose reader is slow: 16 KiB buffer, each chunk taken a little later. */
  function slowPipe() {
    const received: Buffer[] = [];
    const out = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, done) {
        setTimeout(() => {
          received.push(chunk);
          done();
        }, 1);
      },
    });
    return { out, received: () => Buffer.concat(received).toString('utf8') };
  }

  it('resolves only after a slow reader has taken every line (nothing lost at exit)', async () => {
    const files = Array.from({ length: 20 }, () => loadVectors().map((v) => v.path)).flat();
    const expected: string[] = [];
    await renderFiles(files, (line) => {
      expected.push(line + '\n');
    });
    const pipe = slowPipe();
    const ok = await renderTo(files, pipe.out);
    expect(ok).toBe(true);
    const received = pipe.received();
    expect(received.length).toBeGreaterThan(16 * 1024 * 4);
    expect(received).toBe(expected.join(''));
  });
});
