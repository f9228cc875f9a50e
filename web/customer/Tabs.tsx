/**
 * The customer's screens by task, in the URL so the back button works: Home (/), Payments
 * (/payments) and Security (/security). Each opens at its top, its heading focused for screen
 * readers (tabindex=-1, no ring: it is not a control).
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/en/core.ts';

export type Screen = 'home' | 'payments' | 'security';

const paths: Record<Screen, string> = { home: '/', payments: '/payments', security: '/security' };

function screenOf(pathname: string): Screen {
  const path = pathname.replace(/\/$/, '');
  if (path === paths.payments) return 'payments';
  if (path === paths.security) return 'security';
  return 'home';
}

/** The screen the URL names, and a way to go to another (a new history entry). */
export function useScreen(): [Screen, (next: Screen) => void] {
  const [screen, setScreen] = useState<Screen>(() =>
    typeof location === 'undefined' ? 'home' : screenOf(location.pathname),
  );
  const [moved, setMoved] = useState(0);
  useEffect(() => {
    const back = () => {
      setScreen(screenOf(location.pathname));
      setMoved((n) => n + 1);
    };
    addEventListener('popstate', back);
    return () => removeEventListener('popstate', back);
  }, []);
  useEffect(() => {
    if (moved === 0) return;
    scrollTo(0, 0);
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [moved]);
  const go = (next: Screen) => {
    if (next !== screen) history.pushState(null, '', paths[next]);
    setScreen(next);
    setMoved((n) => n + 1);
  };
  return [screen, go];
}

export function Tabs({ screen, onGo }: { screen: Screen; onGo: (next: Screen) => void }) {
  return (
    <nav class="tabs" aria-label={t('sections')}>
      <ul>
        {(Object.keys(paths) as Screen[]).map((s) => (
          <li key={s}>
            <a
              href={paths[s]}
              aria-current={s === screen ? 'page' : undefined}
              onClick={(e) => {
                if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                e.preventDefault();
                onGo(s);
              }}
            >
              {t(s)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
