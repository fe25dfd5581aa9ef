import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';

/** One recorded request, validated so that it can be sent byte for byte. */
export interface RecordedRequest {
  /** `line 3` (JSON lines) or `entry 2` (HAR), for the report. */
  source: string;
  method: string;
  /** Path and query as recorded, re-based on each service's base URL. */
  path: string;
  headers: [string, string][];
  body: Buffer;
}

export type RecordingFormat = 'har' | 'jsonl';

export class RecordingError extends Error {}

/** The whole file is read before anything is sent: a recording is not a bulk load. */
export const MAX_RECORDING_BYTES = 128 * 1024 * 1024;
export const MAX_REQUEST_BODY_BYTES = 16 * 1024 * 1024;
const MAX_PATH_LENGTH = 8192;
/** Reported problems before giving up on a file. */
const MAX_PROBLEMS = 10;

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What Node (and HTTP) refuse in a header value: controls other than tab, and anything beyond Latin-1. */
const BAD_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Set per connection by the client, never replayed as recorded. */
const HOP_BY_HOP = new Set([
  'host',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'proxy-connection',
]);

export function formatOf(file: string, forced: string | undefined): RecordingFormat {
  if (forced !== undefined) {
    if (forced === 'har' || forced === 'jsonl') return forced;
    throw new RecordingError(`--format must be har or jsonl, not ${JSON.stringify(forced)}`);
  }
  const extension = extname(file).toLowerCase();
  if (extension === '.har') return 'har';
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl';
  throw new RecordingError(
    `cannot tell the format of ${file} from its extension; pass --format har or --format jsonl`,
  );
}

export async function readRecording(
  file: string,
  format: RecordingFormat,
): Promise<RecordedRequest[]> {
  let bytes: Buffer;
  try {
    const { size, isFile } = await stat(file).then((s) => ({ size: s.size, isFile: s.isFile() }));
    if (!isFile) throw new RecordingError(`${file} is not a file`);
    if (size > MAX_RECORDING_BYTES)
      throw new RecordingError(
        `${file} is ${size} bytes; recordings up to ${MAX_RECORDING_BYTES} bytes are read (split it)`,
      );
    bytes = await readFile(file);
  } catch (error) {
    if (error instanceof RecordingError) throw error;
    throw new RecordingError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RecordingError(`${file} is not UTF-8 text`);
  }
  const problems: string[] = [];
  const requests = format === 'har' ? fromHar(text, problems) : fromJsonLines(text, problems);
  if (problems.length)
    throw new RecordingError(
      `${file} cannot be replayed:\n${problems
        .slice(0, MAX_PROBLEMS)
        .map((problem) => `  ${problem}`)
        .join(
          '\n',
        )}${problems.length > MAX_PROBLEMS ? `\n  … and ${problems.length - MAX_PROBLEMS} more` : ''}`,
    );
  if (requests.length === 0) throw new RecordingError(`${file} holds no requests`);
  return requests;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

class EntryProblem extends Error {}

function fromJsonLines(text: string, problems: string[]): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const source = `line ${i + 1}`;
    try {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new EntryProblem(`not JSON (${(error as Error).message})`);
      }
      if (!isRecord(value)) throw new EntryProblem('not a JSON object');
      if (value.bodyBase64 !== undefined && typeof value.bodyBase64 !== 'string')
        throw new EntryProblem('bodyBase64 must be a string');
      requests.push(
        request(
          source,
          value.method,
          value.path,
          headerPairs(value.headers),
          base64Body(value.bodyBase64),
        ),
      );
    } catch (error) {
      if (!(error instanceof EntryProblem)) throw error;
      problems.push(`${source}: ${error.message}`);
    }
  });
  return requests;
}

function fromHar(text: string, problems: string[]): RecordedRequest[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    problems.push(`not a HAR file: not JSON (${(error as Error).message})`);
    return [];
  }
  const entries = isRecord(document) && isRecord(document.log) ? document.log.entries : undefined;
  if (!Array.isArray(entries)) {
    problems.push('not a HAR file: no log.entries list');
    return [];
  }
  const requests: RecordedRequest[] = [];
  entries.forEach((entry: unknown, i) => {
    const source = `entry ${i + 1}`;
    try {
      if (!isRecord(entry) || !isRecord(entry.request)) throw new EntryProblem('no request object');
      const { method, url, headers, postData } = entry.request;
      if (typeof url !== 'string') throw new EntryProblem('request.url must be a string');
      const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').replace(/#.*$/s, '') || '/';
      if (!Array.isArray(headers)) throw new EntryProblem('request.headers must be a list');
      const pairs = headerPairs(
        headers.map((header: unknown) => {
          if (!isRecord(header)) throw new EntryProblem('a header is not an object');
          return [header.name, header.value];
        }),
      );
      let body: Buffer = Buffer.alloc(0);
      if (postData !== undefined) {
        if (!isRecord(postData) || typeof postData.text !== 'string')
          throw new EntryProblem('request.postData.text must be a string');
        if (postData.encoding === 'base64') body = base64Body(postData.text);
        else if (postData.encoding === undefined) body = textBody(postData.text);
        else
          throw new EntryProblem(`unknown postData.encoding ${JSON.stringify(postData.encoding)}`);
      }
      requests.push(request(source, method, path, pairs, body));
    } catch (error) {
      if (!(error instanceof EntryProblem)) throw error;
      problems.push(`${source}: ${error.message}`);
    }
  });
  return requests;
}

function request(
  source: string,
  method: unknown,
  path: unknown,
  headers: [string, string][],
  body: Buffer,
): RecordedRequest {
  if (typeof method !== 'string' || !TOKEN.test(method) || method.length > 32)
    throw new EntryProblem(`bad method ${JSON.stringify(method)}`);
  if (typeof path !== 'string' || !path.startsWith('/'))
    throw new EntryProblem(`path must be a string starting with / (got ${JSON.stringify(path)})`);
  if (path.length > MAX_PATH_LENGTH)
    throw new EntryProblem(`path longer than ${MAX_PATH_LENGTH} characters`);
  // What could not go on a request line: controls, spaces, NUL, non-ASCII.
  if (/[^\x21-\x7e]/.test(path))
    throw new EntryProblem(`path has characters no request line can carry`);
  return { source, method: method.toUpperCase(), path, headers, body };
}

/** `{name: value | [values]}` or `[[name, value], ...]`; pseudo- and hop-by-hop headers dropped. */
function headerPairs(raw: unknown): [string, string][] {
  if (raw === undefined) return [];
  let pairs: unknown[][];
  if (Array.isArray(raw)) {
    if (raw.some((pair) => !Array.isArray(pair) || pair.length !== 2))
      throw new EntryProblem('headers as a list must hold [name, value] pairs');
    pairs = raw as unknown[][];
  } else if (isRecord(raw))
    pairs = Object.entries(raw).flatMap(([name, value]) =>
      Array.isArray(value) ? value.map((item: unknown) => [name, item]) : [[name, value]],
    );
  else throw new EntryProblem('headers must be an object or a list');
  const kept: [string, string][] = [];
  for (const [name, value] of pairs) {
    if (typeof name !== 'string' || typeof value !== 'string')
      throw new EntryProblem('header names and values must be strings');
    // HTTP/2 recordings carry :authority, :path...; HTTP/1.1 has no such headers.
    if (name.startsWith(':')) continue;
    if (!TOKEN.test(name)) throw new EntryProblem(`bad header name ${JSON.stringify(name)}`);
    if (BAD_HEADER_VALUE.test(value))
      throw new EntryProblem(`header ${name} has a character HTTP cannot carry (CR, LF, NUL, ...)`);
    if (!HOP_BY_HOP.has(name.toLowerCase())) kept.push([name, value]);
  }
  return kept;
}

function base64Body(text: unknown): Buffer {
  if (text === undefined) return Buffer.alloc(0);
  if (typeof text !== 'string') throw new EntryProblem('body is not base64');
  if ((text.length / 4) * 3 > MAX_REQUEST_BODY_BYTES + 3)
    throw new EntryProblem(`body larger than ${MAX_REQUEST_BODY_BYTES} bytes`);
  // Checked in pieces, not one anchored pattern: irregexp backtracks per repetition on megabytes.
  if (text.length % 4 !== 0 || /[^A-Za-z0-9+/=]|=[^=]|={3}/.test(text))
    throw new EntryProblem('body is not base64');
  return Buffer.from(text, 'base64');
}

function textBody(text: string): Buffer {
  if (LONE_SURROGATE.test(text))
    throw new EntryProblem('postData.text has a lone surrogate (no UTF-8 bytes to send)');
  const body = Buffer.from(text, 'utf8');
  if (body.length > MAX_REQUEST_BODY_BYTES)
    throw new EntryProblem(`body larger than ${MAX_REQUEST_BODY_BYTES} bytes`);
  return body;
}
