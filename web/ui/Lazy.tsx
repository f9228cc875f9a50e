/**
 * Screens and parts of screens loaded only when shown (`import()`): staff screens and dev pages
 * then add nothing to the first load of the customers' app.
 */
import type { ComponentChildren, ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/en/core.ts';
import { Shell } from './Shell.tsx';

interface LazyProps<P> {
  load: () => Promise<ComponentType<P>>;
  props: P;
  /** Shown while it loads. */
  loading: ComponentChildren;
}

export function Lazy<P extends object>({ load, props, loading }: LazyProps<P>) {
  const [loaded, setLoaded] = useState<{ Part: ComponentType<P> } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    load()
      .then((Part) => setLoaded({ Part }))
      .catch(() => setFailed(true));
  }, []);
  if (loaded) return <loaded.Part {...props} />;
  return failed ? (
    <p role="alert" class="alert">
      {t('partFailed')}
    </p>
  ) : (
    <p role="status">{loading}</p>
  );
}

/** A whole page of its own (its path outside the account screens), framed by the app bar. */
export function LazyPage({ load }: { load: () => Promise<ComponentType> }) {
  return (
    <Shell>
      <Lazy load={load} props={{}} loading={t('loadingPart')} />
    </Shell>
  );
}
