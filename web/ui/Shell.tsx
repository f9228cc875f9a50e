/** The frame of every screen: the app bar, the offline banner, and the main landmark. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/en/core.ts';

export function useOnline(): boolean {
  const [online, setOnline] = useState(typeof navigator === 'undefined' ? true : navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    addEventListener('online', on);
    addEventListener('offline', off);
    return () => {
      removeEventListener('online', on);
      removeEventListener('offline', off);
    };
  }, []);
  return online;
}

export function Shell(props: { children: ComponentChildren; onSignOut?: () => void; who?: string }) {
  const online = useOnline();
  return (
    <>
      <header class="bar">
        <span class="brand">Countersign</span>
        {props.onSignOut && (
          <button type="button" onClick={props.onSignOut}>
            {t('signOut')}
            <span class="sr-only"> {props.who}</span>
          </button>
        )}
      </header>
      {!online && (
        <p class="offline" role="status">
          {t('offline')}
        </p>
      )}
      <main>{props.children}</main>
    </>
  );
}
