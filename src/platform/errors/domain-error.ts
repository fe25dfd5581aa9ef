/**
 * Every failure the service reports on purpose is a DomainError. Its `kind`
 * decides the HTTP status and the gRPC code (v2 callers); its `code` is the
 * stable name admin callers see as `err_<code>`. One exception filter turns it
 * into the caller's error format, so services never think about HTTP.
 */
export const ERROR_KINDS = {
  InvalidArgument: { status: 400, grpc: 3 },
  Unauthenticated: { status: 401, grpc: 16 },
  PermissionDenied: { status: 403, grpc: 7 },
  NotFound: { status: 404, grpc: 5 },
  MethodNotAllowed: { status: 405, grpc: 12 },
  RequestTimeout: { status: 408, grpc: 4 },
  AlreadyExists: { status: 409, grpc: 6 },
  PayloadTooLarge: { status: 413, grpc: 3 },
  UnsupportedMediaType: { status: 415, grpc: 3 },
  ResourceExhausted: { status: 429, grpc: 8 },
  Internal: { status: 500, grpc: 13 },
  Unavailable: { status: 503, grpc: 14 },
} as const;

export type ErrorKind = keyof typeof ERROR_KINDS;

/** Field name → messages, as ASP.NET's ModelState (e.g. `usuario.Username`). */
export type ModelState = Record<string, string[]>;

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** Stable machine name, e.g. `NoActiveSession`; admin callers get `err_<code>`. */
    readonly code: string,
    message?: string,
    readonly modelState?: ModelState,
  ) {
    super(message ?? code);
    this.name = 'DomainError';
  }

  get status(): number {
    return ERROR_KINDS[this.kind].status;
  }

  get grpcCode(): number {
    return ERROR_KINDS[this.kind].grpc;
  }
}
