import { CliUsageError } from '../cli-usage-error';
import { formatOf, readRecording, RecordingError } from './recording';
import { BaseUrlError, parseBaseUrl, replay } from './replay';
import { compareAll, resultLines, summaryLines } from './report';
import { loadRules, RulesError, UserRule } from './rules';

export interface CompareOptions {
  legacy: string;
  candidate: string;
  format?: string;
  rules?: string;
  json?: boolean;
  timeout: number;
  maxResponseBytes: number;
}

/** Everything is checked (URLs, format, rules, the whole recording) before the first request is sent. */
export async function runCompare(file: string, options: CompareOptions): Promise<void> {
  let legacy: URL, candidate: URL, rules: UserRule[];
  let requests: Awaited<ReturnType<typeof readRecording>>;
  try {
    legacy = parseBaseUrl('--legacy', options.legacy);
    candidate = parseBaseUrl('--candidate', options.candidate);
    const format = formatOf(file, options.format);
    rules = options.rules ? await loadRules(options.rules) : [];
    requests = await readRecording(file, format);
  } catch (error) {
    if (
      error instanceof BaseUrlError ||
      error instanceof RecordingError ||
      error instanceof RulesError
    )
      throw new CliUsageError(error.message);
    throw error;
  }
  const replayOptions = { timeoutMs: options.timeout, maxResponseBytes: options.maxResponseBytes };
  const report = await compareAll(
    requests,
    (side, request) => replay(side === 'legacy' ? legacy : candidate, request, replayOptions),
    rules,
    options.json ? undefined : (result) => write(resultLines(result)),
  );
  if (options.json) await write([JSON.stringify(report, null, 2)]);
  else await write(summaryLines(report));
  if (!report.ok) process.exitCode = 1;
}

/** Resolves once stdout has taken the lines (a pipe may be slower than the report). */
function write(lines: string[]): Promise<void> {
  return new Promise((resolve, reject) =>
    process.stdout.write(lines.join('\n') + '\n', (error) => (error ? reject(error) : resolve())),
  );
}
