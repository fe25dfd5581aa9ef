import { useState } from 'preact/hooks';
import { call, query } from '../api';
import { Icon, Outcome, RowAction, Status, Table, useAction, useLoad } from '../components';
import { devicePart, utc } from '../format';
import { can, mayActOn } from '../permissions';
import { AdminUser, Page, SessionDetails } from '../types';

const BASE = '/api/admin/v1/authenticated-sessions';

/** One user's active sessions with their devices; revoke one or all when allowed. */
export function UserSessionsScreen({ guid, permissions }: { guid: string; permissions: string[] }) {
  const [page, setPage] = useState(1);
  const [outcome, act, busy] = useAction();
  const user = useLoad(() => call<AdminUser>('GET', `/api/admin/v1/users/${guid}`), guid);
  const sessions = useLoad(
    () =>
      call<Page<SessionDetails>>(
        'GET',
        `${BASE}/user-sessions/${guid}/details${query({ page, pageSize: 20 })}`,
      ),
    `${guid}|${page}`,
  );
  const name = user.data?.UserName ?? 'this user';
  const mayRevoke =
    can(permissions, 'session.delete') && !!user.data && mayActOn(permissions, user.data.Roles);

  const revoke = (session: SessionDetails) =>
    act(async () => {
      try {
        await call('POST', `${BASE}/revoke`, { Session: session.ID });
        return `Session ${session.ID} of ${name} has ended.`;
      } finally {
        sessions.reload();
      }
    });
  const revokeAll = () => {
    if (!window.confirm(`End every session of ${name}? They will have to sign in again.`)) return;
    return act(async () => {
      try {
        const result = await call<{ SessionsEnded: number }>('POST', `${BASE}/revoke-user`, {
          UserGuid: guid,
        });
        return `${result.SessionsEnded} session(s) of ${name} ended.`;
      } finally {
        sessions.reload();
      }
    });
  };

  return (
    <section aria-labelledby="user-sessions-title">
      <p>
        <a href="#/sessions">← All users with sessions</a>
      </p>
      <h2 id="user-sessions-title">Sessions of {name}</h2>
      <Outcome outcome={outcome} />
      <Status
        loaded={sessions}
        what="sessions"
        isEmpty={(data) => data.Items.length === 0}
        empty={
          <p>
            {name} has no active sessions. Sessions appear here when the user signs in;{' '}
            <a href="#/sessions">go back to the list</a>.
          </p>
        }
      >
        {(data) => (
          <>
            {mayRevoke && (
              <div class="toolbar">
                <button type="button" class="danger" disabled={busy} onClick={revokeAll}>
                  Revoke all sessions of {name}
                </button>
              </div>
            )}
            <Table
              caption={`Active sessions of ${name}`}
              columns={['Device', 'IP', 'Created', 'Last seen', 'Expires', mayRevoke && 'Action']}
              page={data}
              onPage={setPage}
            >
              {data.Items.map((session) => (
                <tr key={session.ID} data-session={session.ID}>
                  <td data-label="Device">
                    <ul class="device">
                      <li>
                        <Icon name={session.Smartphone === '-' ? 'computer' : 'phone'} />
                        {session.Smartphone === '-'
                          ? 'Computer or unknown device'
                          : session.Smartphone}
                      </li>
                      <li>
                        <Icon name="system" />
                        {devicePart(session.OperatingSystem)}
                      </li>
                      <li>
                        <Icon name="app" />
                        {devicePart(session.Application)}
                      </li>
                    </ul>
                  </td>
                  <td data-label="IP">
                    <Icon name="network" />
                    {session.Ip ?? 'unknown'}
                  </td>
                  <td data-label="Created">{utc(session.Created)}</td>
                  <td data-label="Last seen">{utc(session.LastUpdated)}</td>
                  <td data-label="Expires">{utc(session.ExpirationDate)}</td>
                  {mayRevoke && (
                    <td data-label="Action">
                      <RowAction
                        label="Revoke"
                        name={`Revoke session ${session.ID}`}
                        danger
                        disabled={busy}
                        onClick={() => revoke(session)}
                      />
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
