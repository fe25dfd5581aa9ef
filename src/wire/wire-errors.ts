import { DomainError, ModelState } from '@/platform/errors/domain-error';

/**
 * The errors the wire layer raises. They are DomainErrors, so the one
 * exception filter formats them per route family like any other failure.
 */
export const WireErrors = {
  invalid(modelState: ModelState): DomainError {
    return new DomainError(
      'InvalidArgument',
      'InvalidRequest',
      'The request is invalid.',
      modelState,
    );
  },
  tooLarge(): DomainError {
    return new DomainError(
      'PayloadTooLarge',
      'PayloadTooLarge',
      'The request entity is too large.',
    );
  },
  bodyTimeout(): DomainError {
    return new DomainError(
      'RequestTimeout',
      'RequestTimeout',
      'The request body did not arrive in time.',
    );
  },
  unsupportedMediaType(mediaType: string | null): DomainError {
    const message =
      mediaType === null
        ? "The request contains an entity body but no Content-Type header. The inferred media type 'application/octet-stream' is not supported for this resource."
        : `The request entity's media type '${mediaType}' is not supported for this resource.`;
    return new DomainError('UnsupportedMediaType', 'UnsupportedMediaType', message);
  },
};

/** Web API's text for a ModelState error that carries an exception, when details are withheld. */
export const ERROR_OCCURRED = 'An error has occurred.';

/**
 * A 400 whose ModelState holds formatter exceptions (Newtonsoft, DCS): its
 * `modelState` is what a remote caller sees (each such message replaced by
 * "An error has occurred."), `detailedModelState` what a local one sees under
 * IncludeErrorDetailPolicy.LocalOnly (the serializer's own text).
 */
export class InvalidBody extends DomainError {
  constructor(
    readonly detailedModelState: ModelState,
    withheld: ModelState,
  ) {
    super('InvalidArgument', 'InvalidRequest', 'The request is invalid.', withheld);
  }
}

/**
 * How recorded messages count in Web API: `exception` for a formatter's
 * exception (hidden from remote callers), `message` for a model binder's
 * ErrorMessage such as "The value 'abc' is not valid for Id." (always shown).
 */
export type ModelErrorKind = 'exception' | 'message';

/** Collects ModelState entries (`usuario.Id` → messages) while a body is bound. */
export class ModelStateErrors {
  readonly entries: ModelState = Object.create(null) as ModelState;
  private count = 0;

  constructor(
    readonly prefix: string,
    readonly kind: ModelErrorKind = 'exception',
  ) {}

  /** `path` is relative to the body (`Id`, `view_info.id`); '' names the body itself. */
  add(path: string, message: string): void {
    const key = path === '' ? this.prefix : this.prefix === '' ? path : `${this.prefix}.${path}`;
    (this.entries[key] ??= []).push(message);
    this.count++;
  }

  get any(): boolean {
    return this.count > 0;
  }

  /** Throws the 400 when anything was recorded. */
  throwIfAny(): void {
    if (this.count === 0) return;
    if (this.kind === 'message') throw WireErrors.invalid({ ...this.entries });
    const withheld = Object.create(null) as ModelState;
    for (const key in this.entries) withheld[key] = this.entries[key].map(() => ERROR_OCCURRED);
    throw new InvalidBody({ ...this.entries }, withheld);
  }
}

/** Thrown inside readers to stop at the first structural problem. */
export class MalformedBody extends Error {
  constructor(
    message: string,
    readonly path = '',
  ) {
    super(message);
  }
}
