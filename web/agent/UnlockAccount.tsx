/**
 * In the agent's call screen: the customer's lock, when they locked their account ("This wasn't
 * me"), and "Unlock account" once the call is verified both ways (POST /api/calls/:id/unlock; the
 * CallVerification and the Account check it again). Read again at each step of the call.
 */
import { useEffect, useState } from 'preact/hooks';
import type { LockView } from '../../shared/lock.ts';
import { client, unwrap } from '../api.ts';
import { t } from '../i18n/en/lock.ts';
import { Alert, Status } from '../ui/Alert.tsx';
import { StateIcon } from '../ui/StateIcon.tsx';
import { when } from '../ui/time.ts';
import { useAction } from '../ui/useAction.ts';

export function UnlockAccount({ id, state }: { id: string; state: string }) {
  const [seen, setSeen] = useState<{ lock: LockView | null; canUnlock: boolean } | null>(null);
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAction();
  useEffect(() => {
    unwrap(client.api.calls[':id'].lock.$get({ param: { id } }))
      .then(setSeen)
      .catch(() => setSeen(null));
  }, [id, state]);
  const unlock = () =>
    run(async () => {
      await unwrap(client.api.calls[':id'].unlock.$post({ param: { id } }));
      setDone(true);
      setSeen({ lock: null, canUnlock: false });
    });
  if (done) return <Status message={t('unlocked')} />;
  if (!seen?.lock) return null;
  return (
    <section class="card urgent" aria-labelledby="customer-locked-heading">
      <h2 id="customer-locked-heading" class="with-icon">
        <StateIcon kind="warning" />
        {t('agentHeading')}
      </h2>
      <p>{t('agentSince', { when: when(seen.lock.lockedAt) })}</p>
      <p>{seen.canUnlock ? t('agentCanUnlock') : t('agentVerifyFirst')}</p>
      {seen.canUnlock && (
        <button type="button" disabled={busy} onClick={unlock}>
          {busy ? t('unlocking') : t('unlockButton')}
        </button>
      )}
      <Alert message={error} />
    </section>
  );
}
