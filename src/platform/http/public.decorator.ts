import { SetMetadata } from '@nestjs/common';

/**
 * The marker the global access guard (src/auth/guards) reads. It lives in
 * the platform so that platform routes (health, metrics) can open themselves
 * without importing authentication.
 */
export const IS_PUBLIC = 'auth:public';

/** The route needs no bearer token (auth is required everywhere else). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
