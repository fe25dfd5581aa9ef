import { InitialSchema1763800000000 } from './1763800000000-initial-schema';
import { SessionEndedNotify1763800000001 } from './1763800000001-session-ended-notify';
import { ActiveUserTally1763800000010 } from './1763800000010-active-user-tally';
import { ActiveSessionsCoveringIndex1763800000011 } from './1763800000011-active-sessions-covering-index';
import { LoginAttemptReservations1763800000110 } from './1763800000110-login-attempt-reservations';
import { FederatedIdentities1763800000120 } from './1763800000120-federated-identities';
import { UsernameKey1763800000140 } from './1763800000140-username-key';
import { AuditRequestId1763800000150 } from './1763800000150-audit-request-id';
import { UserLegacyId1763800000200 } from './1763800000200-user-legacy-id';
import { SessionEventsOutbox1763800000300 } from './1763800000300-session-events-outbox';
import { SigningKeys1763800000400 } from './1763800000400-signing-keys';
import { ActiveUsersRankIndex1763800000500 } from './1763800000500-active-users-rank-index';
import { RoleSessionLimits1763800000510 } from './1763800000510-role-session-limits';

/** Every migration, oldest first; imported directly so tests and the built app share one list. */
export const MIGRATIONS = [
  InitialSchema1763800000000,
  SessionEndedNotify1763800000001,
  ActiveUserTally1763800000010,
  ActiveSessionsCoveringIndex1763800000011,
  LoginAttemptReservations1763800000110,
  FederatedIdentities1763800000120,
  UsernameKey1763800000140,
  AuditRequestId1763800000150,
  UserLegacyId1763800000200,
  SessionEventsOutbox1763800000300,
  SigningKeys1763800000400,
  ActiveUsersRankIndex1763800000500,
  RoleSessionLimits1763800000510,
];
