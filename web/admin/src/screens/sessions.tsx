import { useState } from 'preact/hooks';
import { call, query } from '../api';
import { Status, Table, useLoad } from '../components';
import { ActiveSessionUser, Page, SessionActivity } from '../types';
import { ActivityChart } from './activity-chart';

const BASE = '/api/admin/v1/authenticated-sessions';

/** The activity chart and the users holding active sessions (seed 002's list), searchable. */
export function SessionsScreen() {
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const activity = useLoad(() => call<SessionActivity>('GET', `${BASE}/activity`), 'activity');
  const users = useLoad(
    () =>
      call<Page<ActiveSessionUser>>('GET', `${BASE}/list${query({ search, page, pageSize: 20 })}`),
    `${search}|${page}`,
  );

  const submit = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setSearch(String(form.get('search') ?? '').trim());
    setPage(1);
  };

  return (
    <>
      <Status loaded={activity} what="the session count" isEmpty={() => false} empty={null}>
        {(data) => <ActivityChart activity={data} />}
      </Status>
      <section aria-labelledby="active-users-title">
        <h2 id="active-users-title">Users with active sessions</h2>
        <form class="toolbar" role="search" onSubmit={submit}>
          <label for="session-search">Username contains</label>
          <input id="session-search" name="search" type="search" defaultValue={search} />
          <button type="submit">Search</button>
          <button type="button" onClick={() => (users.reload(), activity.reload())}>
            Refresh
          </button>
        </form>
        <Status
          loaded={users}
          what="users with sessions"
          isEmpty={(data) => data.Items.length === 0}
          empty={
            search ? (
              <p>
                No signed-in user's name contains “{search}”. Check the spelling or clear the
                search.
              </p>
            ) : (
              <p>
                Nobody is signed in right now. Users appear here as soon as they sign in with their
                app or the API.
              </p>
            )
          }
        >
          {(data) => (
            <Table
              caption="Users with active sessions"
              columns={['User', 'Sessions', 'Operator']}
              page={data}
              onPage={setPage}
            >
              {data.Items.map((user) => (
                <tr key={user.UserGuid}>
                  <td data-label="User">
                    <a href={`#/sessions/${user.UserGuid}`}>{user.UserName}</a>
                  </td>
                  <td data-label="Sessions">{user.SessionCount}</td>
                  <td data-label="Operator">{user.IsOperator ? 'Yes' : 'No'}</td>
                </tr>
              ))}
            </Table>
          )}
        </Status>
      </section>
    </>
  );
}
