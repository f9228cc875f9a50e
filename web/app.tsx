/** The app: finds out who is signed in, then shows the screen for their role. */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { AdminHome } from './admin/AdminHome.tsx';
import { ApiError, client, messageOf, unwrap } from './api.ts';
import { CustomerHome } from './customer/Home.tsx';
import type { Account } from './passkey.ts';
import { Lazy, LazyPage } from './ui/Lazy.tsx';
import { Shell, useOnline } from './ui/Shell.tsx';
import { Welcome } from './welcome/Welcome.tsx';

type State =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'signed-in'; account: Account }
  | { kind: 'unreachable'; message: string };

/** Pages of their own, by path, outside the account screens; each loaded only when opened. */
const pages: Record<string, () => Promise<ComponentType>> = {
  '/dev/outbox': () => import('./dev/OutboxPage.tsx').then((m) => m.OutboxPage),
  '/developers': () => import('./developers/Developers.tsx').then((m) => m.Developers),
  '/recovery/abort': () => import('./recovery/AbortPage.tsx').then((m) => m.AbortPage),
};

export function App() {
  const page = typeof location === 'undefined' ? undefined : pages[location.pathname.replace(/\/$/, '')];
  return page ? <LazyPage load={page} /> : <AccountApp />;
}

function AccountApp() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const online = useOnline();

  const load = async () => {
    try {
      const { account } = await unwrap(client.api.me.$get());
      setState({ kind: 'signed-in', account });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setState({ kind: 'signed-out' });
      else setState({ kind: 'unreachable', message: messageOf(e) });
    }
  };
  useEffect(() => {
    void load();
  }, []);
  useEffect(() => {
    if (online && state.kind === 'unreachable') void load();
  }, [online]);

  const signOut = async () => {
    try {
      await unwrap(client.api.session.$delete());
    } finally {
      // The next person signed in here starts at Home, not on the screen this one left open, and
      // sees nothing of the customer or call an agent was working on (kept for this tab only).
      history.replaceState(null, '', '/');
      try {
        sessionStorage.clear();
      } catch {
        // Storage unavailable: nothing was kept.
      }
      setState({ kind: 'signed-out' });
    }
  };

  if (state.kind === 'loading') {
    return (
      <Shell>
        <p role="status">Loading your account…</p>
      </Shell>
    );
  }
  if (state.kind === 'unreachable') {
    return (
      <Shell>
        <h1>Cannot reach Countersign</h1>
        <p role="alert">{state.message}</p>
        <p>Your passkeys and account are safe. Try again when you have a connection.</p>
        <button type="button" onClick={() => void load()}>
          Try again
        </button>
      </Shell>
    );
  }
  if (state.kind === 'signed-out') {
    return (
      <Shell>
        <Welcome onSignedIn={(account) => setState({ kind: 'signed-in', account })} />
      </Shell>
    );
  }
  const { account } = state;
  return (
    <Shell onSignOut={signOut} who={account.displayName}>
      {account.role === 'agent' && (
        // Staff screens load only when shown: nothing of the console is in the customers' first load.
        <Lazy
          load={() => import('./agent/Console.tsx').then((m) => m.AgentConsole)}
          props={{ account }}
          loading="Loading the agent console…"
        />
      )}
      {account.role === 'admin' && <AdminHome account={account} />}
      {account.role === 'customer' && <CustomerHome account={account} />}
    </Shell>
  );
}
