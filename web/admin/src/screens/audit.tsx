import { useState } from 'preact/hooks';
import { AUDIT_ACTIONS } from '../../../../src/audit/audit-actions';
import { call, query } from '../api';
import { Status, Table, useLoad } from '../components';
import { utc } from '../format';
import { AuditEvent, Page } from '../types';

interface Filters {
  action: string;
  user: string;
  from: string;
  to: string;
}

const NONE: Filters = { action: '', user: '', from: '', to: '' };

/** `datetime-local` text is read as UTC (the API's rule for a time without offset). */
const asUtc = (value: string) =>
  value ? `${value}${value.length === 16 ? ':00' : ''}Z` : undefined;

/** The audit trail, newest first, filtered by action, user (GUID or ID) and time range. */
export function AuditScreen() {
  const [filters, setFilters] = useState<Filters>(NONE);
  const [page, setPage] = useState(1);
  const user = filters.user.trim();
  const events = useLoad(
    () =>
      call<Page<AuditEvent>>(
        'GET',
        `/api/admin/v1/audit-events${query({
          action: filters.action,
          [/^\d+$/.test(user) ? 'userId' : 'userGuid']: user,
          from: asUtc(filters.from),
          to: asUtc(filters.to),
          page,
          pageSize: 25,
        })}`,
      ),
    `${JSON.stringify(filters)}|${page}`,
  );
  const filtered = JSON.stringify(filters) !== JSON.stringify(NONE);

  const submit = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '');
    setFilters({ action: text('action'), user: text('user'), from: text('from'), to: text('to') });
    setPage(1);
  };

  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit trail</h2>
      <form class="filters" onSubmit={submit} aria-label="Audit filters">
        <div>
          <label for="a-action">Action</label>
          <select id="a-action" name="action">
            <option value="">Any action</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="a-user">User GUID or ID</label>
          <input id="a-user" name="user" autocomplete="off" />
        </div>
        <div>
          <label for="a-from">From (UTC)</label>
          <input id="a-from" name="from" type="datetime-local" />
        </div>
        <div>
          <label for="a-to">To (UTC, not included)</label>
          <input id="a-to" name="to" type="datetime-local" />
        </div>
        <div class="toolbar">
          <button type="submit" class="primary">
            Apply filters
          </button>
          <button type="reset" onClick={() => (setFilters(NONE), setPage(1))}>
            Clear
          </button>
        </div>
      </form>
      <Status
        loaded={events}
        what="the audit trail"
        isEmpty={(data) => data.Items.length === 0}
        empty={
          <p>
            {filtered
              ? 'No event matches these filters. Widen the time range or clear a filter.'
              : 'Nothing has been recorded yet. Sign-ins, session ends and user changes appear here.'}
          </p>
        }
      >
        {(data) => (
          <Table
            caption="Audit events"
            columns={['When', 'Action', 'By', 'On', 'IP', 'Details']}
            page={data}
            onPage={setPage}
          >
            {data.Items.map((event) => (
              <tr key={event.ID}>
                <td data-label="When">{utc(event.OccurredAt)}</td>
                <td data-label="Action">{event.Action}</td>
                <td data-label="By">{event.ActorUserName ?? '—'}</td>
                <td data-label="On">{event.SubjectUserName ?? '—'}</td>
                <td data-label="IP">{event.IP ?? '—'}</td>
                <td data-label="Details">
                  {event.Details.map((detail) => `${detail.Name}: ${detail.Value ?? ''}`).join(
                    ', ',
                  ) || '—'}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Status>
    </section>
  );
}
