/** The app: finds out who is signed in, then shows the screen for their role. */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, client, messageOf, unwrap } from './api.ts';
import { CustomerHome } from './customer/Home.tsx';
import { t } from './i18n/en/core.ts';
import { adoptLanguage, useLanguage } from './i18n/index.ts';
import type { Account } from './passkey.ts';
import { Lazy, LazyPage } from './ui/Lazy.tsx';
import { Shell, useOnline } from './ui/Shell.tsx';
import { Welcome } from './welcome/Welcome.tsx';

type State =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'signed-in'; account: Account }
  | { kind: 'unreachable'; message: string };

// Staff screens are chunks of their own: a customer's first load carries none of them.
const loadAgentConsole = () => import('./agent/Console.tsx').then((m) => m.AgentConsole);
const loadAdminHome = () => import('./admin/AdminHome.tsx').then((m) => m.AdminHome);

/** Pages of their own, by path, outside the account screens; each loaded only when opened. */
const pages: Record<string, () => Promise<ComponentType>> = {
  '/dev/outbox': () => import('./dev/OutboxPage.tsx').then((m) => m.OutboxPage),
  '/developers': () => import('./developers/Developers.tsx').then((m) => m.Developers),
  '/recovery/abort': () => import('./recovery/AbortPage.tsx').then((m) => m.AbortPage),
};

export function App() {
  // Every screen re-renders in the new language when it is switched.
  useLanguage();
  const page = typeof location === 'undefined' ? undefined : pages[location.pathname.replace(/\/$/, '')];
  return page ? <LazyPage load={page} /> : <AccountApp />;
}

function AccountApp() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const online = useOnline();

  const signedIn = async (account: Account) => {
    await adoptLanguage(account.language).catch(() => undefined);
    setState({ kind: 'signed-in', account });
  };
  const load = async () => {
    void adoptLanguage(null).catch(() => undefined);
    try {
      const { account } = await unwrap(client.api.me.$get());
      await signedIn(account);
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
        <p role="status">{t('loading')}</p>
      </Shell>
    );
  }
  if (state.kind === 'unreachable') {
    return (
      <Shell>
        <h1>{t('unreachable')}</h1>
        <p role="alert">{state.message}</p>
        <p>{t('unreachableSafe')}</p>
        <button type="button" onClick={() => void load()}>
          {t('tryAgain')}
        </button>
      </Shell>
    );
  }
  if (state.kind === 'signed-out') {
    return (
      <Shell>
        <Welcome onSignedIn={(account) => void signedIn(account)} />
      </Shell>
    );
  }
  const { account } = state;
  return (
    <Shell onSignOut={signOut} who={account.displayName}>
      {account.role === 'agent' && <Lazy load={loadAgentConsole} props={{ account }} loading={t('loadingConsole')} />}
      {account.role === 'admin' && <Lazy load={loadAdminHome} props={{ account }} loading={t('loadingPart')} />}
      {account.role === 'customer' && <CustomerHome account={account} />}
    </Shell>
  );
}
