/*
 * What the JSON reader produces and the binder consumes (a separate file so
 * the two do not import each other): Newtonsoft's token tree and locations.
 */

export interface ReadOptions {
  /** The action parameter's name: ModelState keys start with it (`usuario.Username`). */
  parameterName: string;
  /** Deepest nesting of objects/arrays (or elements) accepted. */
  maxDepth?: number;
}

export const DEFAULT_MAX_DEPTH = 64;

/** Where a token ends, as Newtonsoft's `IJsonLineInfo` reports it (1-based line, column after the token). */
export interface JsonLocation {
  line: number;
  position: number;
  /** Newtonsoft's `JsonReader.Path` at that token (`view_info.id`, `IdIssuerBranches[1]`). */
  path: string;
}

/** A token of Newtonsoft's `JsonToken` vocabulary, with the subtree it opens. */
export type JsonNode = JsonLocation &
  (
    | { token: 'String'; value: string }
    /** Number text as written; its meaning depends on the member it is read for. */
    | { token: 'Number'; text: string }
    | { token: 'Float'; value: number; text: string }
    | { token: 'Boolean'; value: boolean }
    | { token: 'Null' }
    | { token: 'Undefined' }
    | { token: 'StartConstructor' }
    | {
        token: 'StartObject';
        members: JsonMember[];
        /** After the first name and its colon, or the closing brace: where a list reading it gives up. */
        lookahead: JsonLocation | null;
        end: JsonLocation | null;
      }
    | { token: 'StartArray'; items: JsonNode[]; end: JsonLocation | null }
  );

export interface JsonMember {
  name: string;
  value: JsonNode;
}

/** The first error Newtonsoft's reader would raise, with the path it reports it under. */
export interface JsonSyntaxError {
  path: string;
  message: string;
}

export interface JsonDocument {
  /** null for an empty document (whitespace and comments only). */
  root: JsonNode | null;
  /** A document cut short by a syntax error still holds what was read before it. */
  error: JsonSyntaxError | null;
}

/**
 * `JsonException.FormatMessage`: the message, then where the reader was.
 * Messages ending in a line break (the long "Cannot deserialize" ones) keep it.
 */
export function newtonsoftMessage(message: string, at: JsonLocation): string {
  let text = message;
  if (!text.endsWith('\n')) {
    text = text.trim();
    if (!text.endsWith('.')) text += '.';
    text += ' ';
  }
  return `${text}Path '${at.path}', line ${at.line}, position ${at.position}.`;
}
