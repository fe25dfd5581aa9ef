import { InitialSchema1763800000000 } from './1763800000000-initial-schema';

/** Every migration, oldest first; imported directly so tests and the built app share one list. */
export const MIGRATIONS = [InitialSchema1763800000000];
