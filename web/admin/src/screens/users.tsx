import { useEffect, useRef, useState } from 'preact/hooks';
import { call, query } from '../api';
import { Outcome, RowAction, Status, Table, useAction, useLoad } from '../components';
import { utc } from '../format';
import { can, grantableRoles, mayActOn } from '../permissions';
import { AdminUser, Page } from '../types';

const BASE = '/api/admin/v1/users';

type Panel = { kind: 'create' } | { kind: 'edit' | 'password'; user: AdminUser } | null;

function state(user: AdminUser): string {
  if (user.Disabled) return 'Disabled';
  if (user.Blocked) return 'Blocked';
  if (user.LockedUntil && new Date(user.LockedUntil) > new Date()) return 'Locked out';
  return 'Active';
}

/** Users: search and page; create, edit, block/unblock, disable, reset password when allowed. */
export function UsersScreen({ permissions, me }: { permissions: string[]; me: string }) {
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [panel, setPanel] = useState<Panel>(null);
  const [outcome, act, busy] = useAction();
  const users = useLoad(
    () => call<Page<AdminUser>>('GET', `${BASE}${query({ search, page, pageSize: 20 })}`),
    `${search}|${page}`,
  );
  const writer = can(permissions, 'user.write');
  const mayChange = (user: AdminUser) => writer && mayActOn(permissions, user.Roles);

  const submitSearch = (event: Event) => {
    event.preventDefault();
    setSearch(
      String(new FormData(event.currentTarget as HTMLFormElement).get('search') ?? '').trim(),
    );
    setPage(1);
  };
  const transition = (user: AdminUser, kind: 'block' | 'unblock' | 'disable', done: string) => {
    if (
      kind !== 'unblock' &&
      !window.confirm(
        `${kind === 'block' ? 'Block' : 'Disable'} ${user.UserName}? Their sessions end now.`,
      )
    )
      return;
    return act(async () => {
      try {
        const result = await call<{ SessionsEnded: number }>(
          'POST',
          `${BASE}/${user.UserGuid}/${kind}`,
        );
        return `${user.UserName} ${done}${result.SessionsEnded ? `; ${result.SessionsEnded} session(s) ended` : ''}.`;
      } finally {
        users.reload();
      }
    });
  };

  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <form class="toolbar" role="search" onSubmit={submitSearch}>
        <label for="user-search">Username contains</label>
        <input id="user-search" name="search" type="search" defaultValue={search} />
        <button type="submit">Search</button>
        {writer && (
          <button type="button" class="primary" onClick={() => setPanel({ kind: 'create' })}>
            New user
          </button>
        )}
      </form>
      <Outcome outcome={outcome} />
      {panel && (
        <UserPanel
          key={panel.kind === 'create' ? 'create' : `${panel.kind}:${panel.user.UserGuid}`}
          panel={panel}
          permissions={permissions}
          me={me}
          onClose={() => setPanel(null)}
          onDone={(text) => {
            setPanel(null);
            users.reload();
            return act(async () => text);
          }}
        />
      )}
      <Status
        loaded={users}
        what="users"
        isEmpty={(data) => data.Items.length === 0}
        empty={
          <p>
            No user's name contains “{search}”. Check the spelling or clear the search
            {writer ? ', or create the user with “New user”' : ''}.
          </p>
        }
      >
        {(data) => (
          <>
            <Table
              caption="Users"
              columns={['User', 'Roles', 'State', 'Sessions', 'Last login', writer && 'Actions']}
              page={data}
              onPage={setPage}
            >
              {data.Items.map((user) => (
                <tr key={user.UserGuid} data-user={user.UserName}>
                  <td data-label="User">
                    <strong>{user.UserName}</strong>
                    <br />
                    <small>
                      {[user.FirstName, user.LastName].filter(Boolean).join(' ') ||
                        user.Email ||
                        ''}
                    </small>
                  </td>
                  <td data-label="Roles">{user.Roles.join(', ') || '—'}</td>
                  <td data-label="State">{state(user)}</td>
                  <td data-label="Sessions">
                    {user.ActiveSessionCount > 0 && can(permissions, 'session.read') ? (
                      <a href={`#/sessions/${user.UserGuid}`}>{user.ActiveSessionCount}</a>
                    ) : (
                      user.ActiveSessionCount
                    )}
                  </td>
                  <td data-label="Last login">{utc(user.LastSuccessLogin)}</td>
                  {writer && (
                    <td data-label="Actions" class="actions">
                      {mayChange(user) ? (
                        <>
                          <RowAction
                            label="Edit"
                            name={`Edit ${user.UserName}`}
                            disabled={busy}
                            onClick={() => setPanel({ kind: 'edit', user })}
                          />
                          {user.Blocked ? (
                            <RowAction
                              label="Unblock"
                              name={`Unblock ${user.UserName}`}
                              disabled={busy}
                              onClick={() => transition(user, 'unblock', 'is unblocked')}
                            />
                          ) : (
                            <RowAction
                              label="Block"
                              name={`Block ${user.UserName}`}
                              danger
                              disabled={busy || user.Disabled}
                              onClick={() => transition(user, 'block', 'is blocked')}
                            />
                          )}
                          {!user.Disabled && (
                            <RowAction
                              label="Disable"
                              name={`Disable ${user.UserName}`}
                              danger
                              disabled={busy}
                              onClick={() => transition(user, 'disable', 'is disabled')}
                            />
                          )}
                          <RowAction
                            label="Reset password"
                            name={`Reset the password of ${user.UserName}`}
                            disabled={busy}
                            onClick={() => setPanel({ kind: 'password', user })}
                          />
                        </>
                      ) : (
                        <small>Holds permissions you lack</small>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </Table>
          </>
        )}
      </Status>
    </section>
  );
}

/** Create, edit or reset-password form; errors stay in the form, success closes it. */
function UserPanel({
  panel,
  permissions,
  me,
  onClose,
  onDone,
}: {
  panel: NonNullable<Panel>;
  permissions: string[];
  me: string;
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [outcome, act, busy] = useAction();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [panel]);
  useEffect(() => {
    if (outcome && !outcome.ok) setError(outcome.text);
  }, [outcome]);
  const user = panel.kind === 'create' ? null : panel.user;
  const title =
    panel.kind === 'create'
      ? 'New user'
      : panel.kind === 'edit'
        ? `Edit ${user!.UserName}`
        : `New password for ${user!.UserName}`;
  const roles = grantableRoles(permissions);
  const ownAccount = user?.UserGuid === me;

  const submit = (event: Event) => {
    event.preventDefault();
    setError(null);
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '');
    void act(async () => {
      if (panel.kind === 'password') {
        const result = await call<{ SessionsEnded: number }>(
          'POST',
          `${BASE}/${user!.UserGuid}/reset-password`,
          {
            NewPassword: text('password'),
          },
        );
        onDone(
          `The password of ${user!.UserName} is changed; ${result.SessionsEnded} session(s) ended.`,
        );
        return '';
      }
      const body: Record<string, unknown> = {
        UserName: text('username').trim(),
        Email: text('email').trim(),
        FirstName: text('firstName').trim(),
        LastName: text('lastName').trim(),
        IsOperator: form.get('operator') === 'on',
      };
      // Roles are sent only when the person may set them (never their own).
      if (!ownAccount) body.Roles = form.getAll('roles').map(String).concat(kept(user, roles));
      if (panel.kind === 'create') {
        body.Password = text('password');
        const created = await call<AdminUser>('POST', BASE, body);
        onDone(`${created.UserName} is created.`);
      } else {
        const updated = await call<AdminUser>('PUT', `${BASE}/${user!.UserGuid}`, body);
        onDone(`${updated.UserName} is saved.`);
      }
      return '';
    });
  };

  return (
    <form class="panel" onSubmit={submit} aria-labelledby="panel-title">
      <h3 id="panel-title" tabIndex={-1} ref={heading}>
        {title}
      </h3>
      {panel.kind !== 'password' && (
        <>
          <label for="f-username">Username</label>
          <input
            id="f-username"
            name="username"
            required
            defaultValue={user?.UserName ?? ''}
            autocomplete="off"
          />
          <label for="f-first">First name</label>
          <input
            id="f-first"
            name="firstName"
            defaultValue={user?.FirstName ?? ''}
            autocomplete="off"
          />
          <label for="f-last">Last name</label>
          <input
            id="f-last"
            name="lastName"
            defaultValue={user?.LastName ?? ''}
            autocomplete="off"
          />
          <label for="f-email">E-mail</label>
          <input
            id="f-email"
            name="email"
            type="email"
            defaultValue={user?.Email ?? ''}
            autocomplete="off"
          />
          <label class="check">
            <input type="checkbox" name="operator" defaultChecked={user?.IsOperator ?? false} />{' '}
            Operator
          </label>
          {ownAccount ? (
            <p class="hint">Nobody can change their own roles.</p>
          ) : (
            <fieldset>
              <legend>Roles you may grant</legend>
              {roles.map((role) => (
                <label class="check" key={role}>
                  <input
                    type="checkbox"
                    name="roles"
                    value={role}
                    defaultChecked={user?.Roles.includes(role) ?? false}
                  />{' '}
                  {role}
                </label>
              ))}
            </fieldset>
          )}
        </>
      )}
      {panel.kind !== 'edit' && (
        <>
          <label for="f-password">{panel.kind === 'create' ? 'Password' : 'New password'}</label>
          <input
            id="f-password"
            name="password"
            type="password"
            required
            minLength={8}
            maxLength={1024}
            autocomplete="new-password"
            aria-describedby="f-password-hint"
          />
          <p id="f-password-hint" class="hint">
            8 to 1024 characters.
            {panel.kind === 'password' ? ' Every session of the user ends.' : ''}
          </p>
        </>
      )}
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      <div class="toolbar">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Saving…' : panel.kind === 'create' ? 'Create user' : 'Save'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Roles the user holds that the person may not grant: kept as they are (Roles replaces the set). */
const kept = (user: AdminUser | null, grantable: string[]): string[] =>
  (user?.Roles ?? []).filter((role) => !grantable.includes(role));
