import { SingleBar, Presets } from 'cli-progress';

export interface ImportProgress {
  update(rows: number, bytes: number): void;
  stop(): void;
}

const LINE_EVERY_MS = 5_000;

/**
 * How far the import is: the file's bytes are the only total known before
 * the end (rows are counted as they come), so the bar and the ETA follow
 * bytes and the rate is rows per second. A bar on a terminal (cli-progress);
 * a plain line every few seconds otherwise (CI logs, redirected output).
 */
export function importProgress(totalBytes: number): ImportProgress {
  const started = Date.now();
  const rate = (rows: number) => Math.round(rows / Math.max((Date.now() - started) / 1000, 0.001));
  if (!process.stderr.isTTY) {
    let last = started;
    return {
      update(rows, bytes) {
        const now = Date.now();
        if (now - last < LINE_EVERY_MS) return;
        last = now;
        const share = totalBytes > 0 ? bytes / totalBytes : 1;
        const eta = share > 0 ? Math.round(((now - started) / 1000) * (1 / share - 1)) : 0;
        process.stderr.write(
          `import:users ${rows} rows, ${Math.round(share * 100)}% of the file, ${rate(rows)} rows/s, ETA ${eta}s\n`,
        );
      },
      stop: () => undefined,
    };
  }
  const bar = new SingleBar(
    {
      format: ' import [{bar}] {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}',
      hideCursor: true,
      stream: process.stderr,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  bar.start(Math.max(totalBytes, 1), 0, { rows: 0, rate: 0 });
  return {
    update: (rows, bytes) => bar.update(bytes, { rows, rate: rate(rows) }),
    stop: () => bar.stop(),
  };
}
