/**
 * Loads the banking screens (web/customer/Banking.tsx) as their own chunk once the home screen is
 * up: the first load stays small, and the service worker precaches the chunk for offline use.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/en/core.ts';
import type { Banking, BankingScreen } from './Banking.tsx';

export function BankingLoader({ screen, onChange }: { screen: BankingScreen; onChange: () => void }) {
  const [Loaded, setLoaded] = useState<typeof Banking | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    import('./Banking.tsx')
      .then((module) => live && setLoaded(() => module.Banking))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [attempt]);

  if (Loaded) return <Loaded screen={screen} onChange={onChange} />;
  if (!failed) {
    return (
      <p role="status" class="placeholder">
        {screen === 'payments' ? t('loadingPayments') : t('loadingContacts')}
      </p>
    );
  }
  return (
    <section class="card" aria-labelledby="banking-failed-heading">
      <h2 id="banking-failed-heading">{t('bankingFailedHeading')}</h2>
      <p class="alert" role="alert">
        {t('bankingFailed')}
      </p>
      <button
        type="button"
        class="secondary"
        onClick={() => {
          setFailed(false);
          setAttempt((n) => n + 1);
        }}
      >
        {t('tryAgain')}
      </button>
    </section>
  );
}
