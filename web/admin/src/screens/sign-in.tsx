import { useEffect, useRef, useState } from 'preact/hooks';
import { messageOf } from '../components';

/** The service's own login. `ended` says why we are here again (expired or revoked). */
export function SignIn({
  ended,
  onSignIn,
}: {
  ended: boolean;
  onSignIn: (username: string, password: string) => Promise<void>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      await onSignIn(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
    } catch (caught) {
      setError(messageOf(caught));
      setBusy(false);
    }
  };

  return (
    <main class="sign-in">
      <h1>session-gateway admin</h1>
      {ended && (
        <p class="notice warning" role="alert">
          Your session has ended (it expired or was revoked). Sign in again to continue.
        </p>
      )}
      <form onSubmit={submit} aria-describedby={error ? 'sign-in-error' : undefined}>
        <label for="username">Username</label>
        <input id="username" name="username" autocomplete="username" required ref={first} />
        <label for="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
        />
        {error && (
          <p id="sign-in-error" class="notice error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p class="hint">
        Use an account of this service with a session or user role. The console keeps the token in
        memory only: reloading the page signs you out.
      </p>
    </main>
  );
}
