/**
 * "Recovery of your account under way": someone is getting into this account with the trusted
 * contacts. Shown on every device of the account (read every 10 s), with "it is not me" to cancel.
 */
import { useState } from 'preact/hooks';
import { Alert, Status } from '../ui/Alert.tsx';
import { usePolled } from '../ui/poll.ts';
import { when } from '../ui/time.ts';
import { useAction } from '../ui/useAction.ts';
import { cancelRecovery, loadOwnRecoveries, type OwnRecovery } from './recovery-requests.ts';

function progress(recovery: OwnRecovery): string {
  if (recovery.state === 'collecting')
    return 'Your trusted contacts are being asked for codes. It cannot complete until enough of them approve.';
  if (recovery.readyAt !== null && recovery.readyAt > Date.now())
    return `Enough of your trusted contacts approved. It can complete on ${when(recovery.readyAt)}, unless you cancel it.`;
  return 'Enough of your trusted contacts approved. It can complete now: whoever started it can add a passkey to your account at any moment.';
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
      setResult(
        'The recovery is cancelled: nobody can get into your account with it. If you did not start it, someone knows your phone number: tell your trusted contacts not to give anyone a code.',
      );
      onChange();
    });

  const list = recoveries.data ?? [];
  return (
    <>
      {list.length > 0 && (
        <section class="card urgent" aria-labelledby="own-recovery-heading">
          <h2 id="own-recovery-heading">Recovery of your account under way</h2>
          <div role="alert">
            <p class="alert">Someone is trying to recover your account with your trusted contacts.</p>
          </div>
          <ul class="plain stacked">
            {list.map((r) => (
              <li key={r.id}>
                <div>
                  <p>{progress(r)}</p>
                  <p class="meta">Started {when(r.startedAt)}.</p>
                </div>
                {confirming === r.id ? (
                  <div class="confirm">
                    <p>
                      Cancel this recovery? Whoever started it will not get into your account. If it was you, on a new
                      device, keep it.
                    </p>
                    <div class="actions">
                      <button type="button" class="small" disabled={busy} onClick={() => void cancel(r.id)}>
                        Yes, cancel it
                      </button>
                      <button type="button" class="small secondary" disabled={busy} onClick={() => setConfirming(null)}>
                        No, it was me
                      </button>
                    </div>
                  </div>
                ) : (
                  <button type="button" onClick={() => setConfirming(r.id)}>
                    Cancel this recovery — it is not me
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
