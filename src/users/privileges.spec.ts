import { AuditRepository, NewAuditEvent } from '@/audit/audit.repository';
import { DomainError } from '@/platform/errors/domain-error';
import { holdsAll, holdsPermission, Privileges } from './privileges';
import { UsersRepository } from './users.repository';

describe('holdsPermission / holdsAll', () => {
  it('admin implies every permission; anything else only itself', () => {
    expect(holdsPermission(['admin'], 'user.write')).toBe(true);
    expect(holdsPermission(['session.read'], 'session.read')).toBe(true);
    expect(holdsPermission(['session.read'], 'session.delete')).toBe(false);
    expect(holdsPermission([], 'admin')).toBe(false);
  });

  it.each([
    [['user.write'], [], true], // a role-less target: the empty set
    [['user.write'], ['user.write'], true],
    [['user.write'], ['session.read'], false],
    [['user.write'], ['admin', 'user.write'], false],
    [['session.read', 'session.delete'], ['session.read'], true],
    [['admin'], ['admin', 'session.read', 'session.delete', 'user.write'], true],
    [[], ['session.read'], false],
  ])('%j covers %j: %s', (held, required, expected) => {
    expect(holdsAll(held, required)).toBe(expected);
  });
});

describe('Privileges', () => {
  const permissionsByUser = new Map<number, string[]>([
    [1, ['admin', 'session.delete', 'session.read', 'user.write']],
    [2, ['user.write']],
    [3, []],
  ]);
  const permissionsByRole: Record<string, string[]> = {
    admin: ['admin', 'session.delete', 'session.read', 'user.write'],
    'user-manager': ['user.write'],
    'session-auditor': ['session.read'],
  };
  const users = {
    permissionsOf: async (id: number) => permissionsByUser.get(id) ?? [],
    permissionsOfRoles: async (roles: string[]) => [
      ...new Set(roles.flatMap((role) => permissionsByRole[role] ?? [])),
    ],
  } as unknown as UsersRepository;
  let recorded: NewAuditEvent[];
  const audit = {
    record: async (...events: NewAuditEvent[]) => void recorded.push(...events),
  } as unknown as AuditRepository;
  const privileges = new Privileges(users, audit);
  const manager = { userId: 2, permissions: ['user.write'], ip: '192.0.2.7' };

  beforeEach(() => (recorded = []));

  const refusalOf = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: DomainError) => [error.status, error.code],
    );

  it('lets a caller act on itself, a role-less account and its equals, unaudited', async () => {
    await privileges.assertMayActOn(manager, 2, 'user.updated');
    await privileges.assertMayActOn(manager, 3, 'user.blocked');
    await privileges.assertMayActOn({ ...manager, userId: 9 }, 2, 'user.blocked');
    expect(recorded).toEqual([]);
  });

  it('refuses an account with more permissions: 403 TargetOutranksCaller, audited', async () => {
    expect(await refusalOf(privileges.assertMayActOn(manager, 1, 'user.blocked'))).toEqual([
      403,
      'TargetOutranksCaller',
    ]);
    expect(recorded).toEqual([
      {
        action: 'access.denied',
        actorUserId: 2,
        subjectUserId: 1,
        ip: '192.0.2.7',
        details: { attempted: 'user.blocked', reason: 'TargetOutranksCaller' },
      },
    ]);
  });

  it('grants only roles whose permissions the caller holds', async () => {
    await privileges.assertMayGrant(manager, [], { attempted: 'user.created' });
    await privileges.assertMayGrant(manager, ['user-manager'], { attempted: 'user.created' });
    expect(
      await refusalOf(
        privileges.assertMayGrant(manager, ['user-manager', 'session-auditor'], {
          attempted: 'user.updated',
          subjectUserId: 3,
          details: { roles: 'user-manager,session-auditor' },
        }),
      ),
    ).toEqual([403, 'RoleNotHeld']);
    expect(recorded.map((event) => [event.subjectUserId, event.details])).toEqual([
      [
        3,
        {
          roles: 'user-manager,session-auditor',
          attempted: 'user.updated',
          reason: 'RoleNotHeld',
        },
      ],
    ]);
    const admin = { userId: 1, permissions: ['admin'], ip: null };
    await privileges.assertMayGrant(admin, Object.keys(permissionsByRole), {
      attempted: 'user.created',
    });
  });
});
