import { InitialSchema1763800000000 } from './1763800000000-initial-schema';
import { SessionEndedNotify1763800000001 } from './1763800000001-session-ended-notify';

/** Every migration, oldest first; imported directly so tests and the built app share one list. */
export const MIGRATIONS = [InitialSchema1763800000000, SessionEndedNotify1763800000001];
