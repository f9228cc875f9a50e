/**
 * "Recovery of your account under way": someone is getting into this account with the trusted
 * contacts. Shown on every device of the account (read every 10 s), with "it is not me" to cancel.
 */
import { useState } from 'preact/hooks';
import { t } from '../i18n/en/recoveryAlerts.ts';
import { Alert, Status } from '../ui/Alert.tsx';
import { usePolled } from '../ui/poll.ts';
import { when } from '../ui/time.ts';
import { useAction } from '../ui/useAction.ts';
import { cancelRecovery, loadOwnRecoveries, type OwnRecovery } from './recovery-requests.ts';

function progress(recovery: OwnRecovery): string {
  if (recovery.state === 'collecting') return t('collecting');
  if (recovery.readyAt !== null && recovery.readyAt > Date.now()) return t('readyOn', { when: when(recovery.readyAt) });
  return t('readyNow');
}

export function OwnRecoveries({ onChange }: { onChange: () => void }) {
  const recoveries = usePolled(loadOwnRecoveries);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  const cancel = (id: string) =>
    run(async () => {
      await cancelRecovery(id);
      setConfirming(null);
      await recoveries.reload();
      setResult(t('cancelled'));
      onChange();
    });

  const list = recoveries.data ?? [];
  return (
    <>
      {list.length > 0 && (
        <section class="card urgent" aria-labelledby="own-recovery-heading">
          <h2 id="own-recovery-heading">{t('ownHeading')}</h2>
          <div role="alert">
            <p class="alert">{t('ownAlert')}</p>
          </div>
          <ul class="plain stacked">
            {list.map((r) => (
              <li key={r.id}>
                <div>
                  <p>{progress(r)}</p>
                  <p class="meta">{t('started', { when: when(r.startedAt) })}</p>
                </div>
                {confirming === r.id ? (
                  <div class="confirm">
                    <p>{t('confirmCancel')}</p>
                    <div class="actions">
                      <button type="button" class="small" disabled={busy} onClick={() => void cancel(r.id)}>
                        {t('yesCancel')}
                      </button>
                      <button type="button" class="small secondary" disabled={busy} onClick={() => setConfirming(null)}>
                        {t('itWasMe')}
                      </button>
                    </div>
                  </div>
                ) : (
                  <button type="button" onClick={() => setConfirming(r.id)}>
                    {t('notMe')}
                  </button>
                )}
              </li>
            ))}
          </ul>
          <Alert message={error ?? recoveries.error} />
        </section>
      )}
      <Status message={result} />
    </>
  );
}
