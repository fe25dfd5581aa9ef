import { SetMetadata } from '@nestjs/common';

/** Route families, each with its own error body (SPEC 4.8). */
export type ErrorFamily = 'legacy' | 'admin' | 'v2' | 'oauth';

export const ERROR_FORMAT_KEY = 'wire:errorFormat';

/** On a controller or handler: how its errors are written (default `legacy`). */
export const ErrorFormat = (family: ErrorFamily) => SetMetadata(ERROR_FORMAT_KEY, family);
