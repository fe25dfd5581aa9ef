import { Principal } from '@/auth/principal';
import { ClientMeta } from '@/sessions/sessions.service';
import { PrivilegedActor } from '@/users/privileges';

/** Who acts, with which permissions, from where: every admin change is checked and audited with these. */
export type AdminActor = PrivilegedActor;

export const actorOf = (caller: Principal, client: ClientMeta): AdminActor => ({
  userId: caller.userId,
  permissions: caller.permissions,
  ip: client.ip,
});
