/**
 * "Someone asks for your help": a person who named this customer as a trusted contact is
 * recovering their account. The contact checks it is really them (a call back on a number they know,
 * or in person), then approves with their own passkey, or answers "they did not ask me", which stops
 * the recovery and reports it. Read every 10 s.
 */
import { useState } from 'preact/hooks';
import { t } from '../i18n/en/recoveryAlerts.ts';
import { around } from '../i18n/index.ts';
import { Alert, Status } from '../ui/Alert.tsx';
import { usePolled } from '../ui/poll.ts';
import { clockTime } from '../ui/time.ts';
import { useAction } from '../ui/useAction.ts';
import { approveHelpRequest, declineHelpRequest, type HelpRequest, loadHelpRequests } from './recovery-requests.ts';

/** "<strong>Ann</strong> is trying to get back into their account…", the name in bold. */
function named(name: string) {
  const [before, after] = around(t('namedYou'), 'name');
  return (
    <>
      {before}
      <strong>{name}</strong>
      {after}
    </>
  );
}

/** `onChange`: something the security events show has happened. */
export function HelpRequests({ onChange }: { onChange: () => void }) {
  const requests = usePolled(loadHelpRequests);
  const [declining, setDeclining] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const { busy, step, error, run } = useAction<'approve' | 'decline'>();

  const answered = async (message: string) => {
    setDeclining(null);
    await requests.reload();
    setResult(message);
    onChange();
  };
  const approve = (r: HelpRequest) =>
    run(async () => {
      setResult(null);
      await approveHelpRequest(r.recoveryId);
      await answered(t('approved', { name: r.requesterName }));
    }, 'approve');
  const decline = (r: HelpRequest) =>
    run(async () => {
      setResult(null);
      await declineHelpRequest(r.recoveryId);
      await answered(t('stopped', { name: r.requesterName }));
    }, 'decline');

  const list = requests.data ?? [];
  return (
    <>
      {list.length > 0 && (
        <section class="card urgent" aria-labelledby="help-requests-heading">
          <h2 id="help-requests-heading">{t('helpHeading')}</h2>
          <ul class="plain stacked">
            {list.map((r) => (
              <li key={r.recoveryId}>
                <div>
                  <p role="alert">{named(r.requesterName)}</p>
                  <p>{t('checkFirst')}</p>
                  <p class="meta">{t('askedAt', { asked: clockTime(r.createdAt), ends: clockTime(r.expiresAt) })}</p>
                </div>
                {declining === r.recoveryId ? (
                  <div class="confirm">
                    <p>{t('notAsked', { name: r.requesterName })}</p>
                    <div class="actions">
                      <button type="button" class="small" disabled={busy} onClick={() => void decline(r)}>
                        {t('stopAndReport')}
                      </button>
                      <button type="button" class="small secondary" disabled={busy} onClick={() => setDeclining(null)}>
                        {t('goBack')}
                      </button>
                    </div>
                  </div>
                ) : (
                  <div class="actions">
                    <button type="button" disabled={busy} onClick={() => void approve(r)}>
                      {t('itIsThem')}
                    </button>
                    <button type="button" class="secondary" disabled={busy} onClick={() => setDeclining(r.recoveryId)}>
                      {t('didNotAsk')}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
          {step === 'approve' && <p role="status">{t('waitingPasskey')}</p>}
          <Alert message={error ?? requests.error} />
        </section>
      )}
      <Status message={result} />
    </>
  );
}
