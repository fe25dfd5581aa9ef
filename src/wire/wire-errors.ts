import { DomainError, ModelState } from '@/common/errors/domain-error';

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
  unsupportedMediaType(mediaType: string | null): DomainError {
    const message =
      mediaType === null
        ? "The request contains an entity body but no Content-Type header. The inferred media type 'application/octet-stream' is not supported for this resource."
        : `The request entity's media type '${mediaType}' is not supported for this resource.`;
    return new DomainError('UnsupportedMediaType', 'UnsupportedMediaType', message);
  },
};

/**
 * A 400 whose ModelState messages are the serializer's own exception texts
 * (Newtonsoft's `Could not convert string to integer: abc. Path 'Id', line 1,
 * position 11.`), as Web API's formatter logged them. Error bodies show them to
 * callers the IncludeErrorDetailPolicy lets see details, and `An error has
 * occurred.` in their place to the others.
 */
export class SerializerErrors extends DomainError {
  constructor(modelState: ModelState) {
    super('InvalidArgument', 'InvalidRequest', 'The request is invalid.', modelState);
  }
}

/** Collects ModelState entries (`usuario.Id` → messages) while a body is bound. */
export class ModelStateErrors {
  readonly entries: ModelState = Object.create(null) as ModelState;
  private count = 0;

  constructor(
    readonly prefix: string,
    /** The messages are serializer exceptions (see SerializerErrors). */
    private readonly options: { fromSerializer?: boolean } = {},
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
    if (this.options.fromSerializer) throw new SerializerErrors({ ...this.entries });
    throw WireErrors.invalid({ ...this.entries });
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
