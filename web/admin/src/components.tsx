import { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, SignedOut } from './api';
import sprite from './icons.svg';
import { Page } from './types';

export type IconName = 'phone' | 'computer' | 'system' | 'app' | 'network';

/** A small icon from the sprite file (decorative: the text beside it says the same). */
export function Icon({ name }: { name: IconName }) {
  return (
    <svg class="icon" aria-hidden="true" focusable="false">
      <use href={`${sprite}#${name}`} />
    </svg>
  );
}

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/** Loads with `load` whenever `key` changes; a sign-out (401) is the app's business, not an error here. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const run = ++latest.current;
    setState((previous) => ({ ...previous, loading: true, error: null }));
    load().then(
      (data) => run === latest.current && setState({ data, error: null, loading: false }),
      (error: unknown) => {
        if (run !== latest.current || error instanceof SignedOut) return;
        setState({ data: null, error: messageOf(error), loading: false });
      },
    );
    // `load` is a fresh closure each render; `key` says when its inputs changed.
  }, [key, tick]);
  return { ...state, reload: useCallback(() => setTick((value) => value + 1), []) };
}

export const messageOf = (error: unknown): string =>
  error instanceof ApiError
    ? error.message
    : 'Something went wrong. Reload the page and try again.';

/** Loading, error and empty states in one place; children render the data. */
export function Status<T>({
  loaded,
  what,
  isEmpty,
  empty,
  children,
}: {
  loaded: Loaded<T>;
  what: string;
  isEmpty: (data: T) => boolean;
  empty: ComponentChildren;
  children: (data: T) => ComponentChildren;
}) {
  if (loaded.error)
    return (
      <div class="notice error" role="alert">
        <p>
          Could not load {what}: {loaded.error}
        </p>
        <button type="button" onClick={loaded.reload}>
          Try again
        </button>
      </div>
    );
  if (!loaded.data)
    return (
      <p class="loading" role="status">
        Loading {what}…
      </p>
    );
  return (
    <div aria-busy={loaded.loading}>
      {isEmpty(loaded.data) ? <div class="notice empty">{empty}</div> : children(loaded.data)}
    </div>
  );
}

/** Previous/next for an admin page. */
export function Pager({ page, onPage }: { page: Page<unknown>; onPage: (page: number) => void }) {
  if (page.TotalPages <= 1) return null;
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" disabled={page.Page <= 1} onClick={() => onPage(page.Page - 1)}>
        Previous
      </button>
      <span>
        Page {page.Page} of {page.TotalPages} ({page.TotalCount} in all)
      </span>
      <button
        type="button"
        disabled={page.Page >= page.TotalPages}
        onClick={() => onPage(page.Page + 1)}
      >
        Next
      </button>
    </nav>
  );
}

/** The outcome of the last action, read out by screen readers. */
export function Outcome({ outcome }: { outcome: { ok: boolean; text: string } | null }) {
  return (
    <div class={outcome ? `notice ${outcome.ok ? 'ok' : 'error'}` : 'sr-only'} role="status">
      {outcome?.text ?? ''}
    </div>
  );
}

/** Runs an action, remembers its outcome sentence; a sign-out ends quietly. */
export function useAction(): [
  { ok: boolean; text: string } | null,
  (run: () => Promise<string>) => Promise<void>,
  boolean,
] {
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const act = useCallback(async (run: () => Promise<string>) => {
    setBusy(true);
    try {
      setOutcome({ ok: true, text: await run() });
    } catch (error) {
      if (!(error instanceof SignedOut)) setOutcome({ ok: false, text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  }, []);
  return [outcome, act, busy];
}

/** A data table with its column heads and, below, the pager (rows become cards on phones). */
export function Table({
  caption,
  columns,
  page,
  onPage,
  children,
}: {
  caption: string;
  columns: Array<string | false>;
  page: Page<unknown>;
  onPage: (page: number) => void;
  children: ComponentChildren;
}) {
  return (
    <>
      <table>
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.filter(Boolean).map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
      <Pager page={page} onPage={onPage} />
    </>
  );
}

/** A button acting on one row; its accessible name `name` says on what (`Block bob`). */
export function RowAction({
  label,
  name,
  danger = false,
  disabled,
  onClick,
}: {
  label: string;
  name: string;
  danger?: boolean;
  disabled: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      class={danger ? 'danger' : undefined}
      disabled={disabled}
      onClick={onClick}
      aria-label={name}
    >
      {label}
    </button>
  );
}
