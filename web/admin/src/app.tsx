import { useEffect, useRef, useState } from 'preact/hooks';
import { call, signIn, signOut, whenSignedOut } from './api';
import { can } from './permissions';
import { AuditScreen } from './screens/audit';
import { SessionsScreen } from './screens/sessions';
import { SignIn } from './screens/sign-in';
import { UserSessionsScreen } from './screens/user-sessions';
import { UsersScreen } from './screens/users';
import { Me } from './types';

type Route =
  | { screen: 'sessions' }
  | { screen: 'user-sessions'; guid: string }
  | { screen: 'users' }
  | { screen: 'audit' };

/** Routes live in the hash (`#/users`), so the server serves one page and reloads keep the place. */
function routeOf(hash: string): Route {
  const [, screen, id] = hash.replace(/^#\/?/, '').match(/^([a-z-]*)\/?(.*)$/) ?? [];
  if (screen === 'sessions' && /^[0-9a-f-]{36}$/i.test(id))
    return { screen: 'user-sessions', guid: id };
  if (screen === 'users' || screen === 'audit' || screen === 'sessions') return { screen } as Route;
  return { screen: 'sessions' };
}

function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(location.hash));
  useEffect(() => {
    const update = () => setRoute(routeOf(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}

const SCREENS = [
  { screen: 'sessions', label: 'Sessions', needs: ['session.read'] },
  { screen: 'users', label: 'Users', needs: ['session.read', 'user.write'] },
  { screen: 'audit', label: 'Audit trail', needs: ['session.read', 'user.write'] },
] as const;

export function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [ended, setEnded] = useState(false);
  const route = useRoute();
  const main = useRef<HTMLElement>(null);

  useEffect(
    () =>
      whenSignedOut(() => {
        setMe(null);
        setEnded(true);
      }),
    [],
  );
  // A new screen moves focus to its content, so keyboard and screen-reader users start there.
  useEffect(() => main.current?.focus(), [route.screen, me === null]);

  if (!me)
    return (
      <SignIn
        ended={ended}
        onSignIn={async (username, password) => {
          await signIn(username, password);
          setMe(await call<Me>('GET', '/api/admin/v1/me'));
          setEnded(false);
        }}
      />
    );

  const permissions = me.Permissions;
  const offered = SCREENS.filter((item) => item.needs.some((p) => can(permissions, p)));
  const requested = route.screen === 'user-sessions' ? 'sessions' : route.screen;
  // A screen the person may not open (or none asked for) falls back to the first one offered.
  const shown: Route | null = offered.some((item) => item.screen === requested)
    ? route
    : offered.length > 0
      ? ({ screen: offered[0].screen } as Route)
      : null;
  const current = shown?.screen === 'user-sessions' ? 'sessions' : shown?.screen;
  return (
    <>
      <a
        class="skip"
        href="#main"
        onClick={(event) => (event.preventDefault(), main.current?.focus())}
      >
        Skip to content
      </a>
      <header>
        <span class="brand">session-gateway admin</span>
        <nav aria-label="Screens">
          {offered.map((item) => (
            <a
              key={item.screen}
              href={`#/${item.screen}`}
              aria-current={current === item.screen ? 'page' : undefined}
            >
              {item.label}
            </a>
          ))}
        </nav>
        <span class="who">
          <span data-testid="signed-in-as">{me.UserName}</span>
          <button
            type="button"
            onClick={async () => {
              await signOut();
              setEnded(false);
              setMe(null);
            }}
          >
            Sign out
          </button>
        </span>
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        {!shown ? (
          <p class="notice empty">
            Your account ({me.UserName}) holds none of the permissions this console needs
            (session.read, session.delete or user.write). Ask an administrator for a role, then sign
            in again.
          </p>
        ) : shown.screen === 'user-sessions' ? (
          <UserSessionsScreen guid={shown.guid} permissions={[...permissions]} />
        ) : shown.screen === 'users' ? (
          <UsersScreen permissions={[...permissions]} me={me.UserGuid} />
        ) : shown.screen === 'audit' ? (
          <AuditScreen />
        ) : (
          <SessionsScreen />
        )}
      </main>
    </>
  );
}
