/**
 * "Someone asks for your help": a person who named this customer as a trusted contact is
 * recovering their account. The contact checks it is really them (a call back on a number they know,
 * or in person), then approves with their own passkey, or answers "they did not ask me", which stops
 * the recovery and reports it. Read every 10 s.
 */
import { useState } from 'preact/hooks';
import { Alert, Status } from '../ui/Alert.tsx';
import { usePolled } from '../ui/poll.ts';
import { clockTime } from '../ui/time.ts';
import { useAction } from '../ui/useAction.ts';
import { approveHelpRequest, declineHelpRequest, type HelpRequest, loadHelpRequests } from './recovery-requests.ts';

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
      await answered(`You approved ${r.requesterName}'s request. It counts as your code: there is nothing more to do.`);
    }, 'approve');
  const decline = (r: HelpRequest) =>
    run(async () => {
      setResult(null);
      await declineHelpRequest(r.recoveryId);
      await answered(
        `You stopped this recovery of ${r.requesterName}'s account and we reported it. Nobody gets in with it. If it was really them, they can start again.`,
      );
    }, 'decline');

  const list = requests.data ?? [];
  return (
    <>
      {list.length > 0 && (
        <section class="card urgent" aria-labelledby="help-requests-heading">
          <h2 id="help-requests-heading">Someone asks for your help</h2>
          <ul class="plain stacked">
            {list.map((r) => (
              <li key={r.recoveryId}>
                <div>
                  <p role="alert">
                    <strong>{r.requesterName}</strong> is trying to get back into their account and named you as a
                    trusted contact.
                  </p>
                  <p>
                    Before you approve, check it is really them: call them back on a number you know, or see them. Do
                    not approve only because someone asked you to, by message or on a call they made.
                  </p>
                  <p class="meta">
                    Asked at {clockTime(r.createdAt)}; this request ends at {clockTime(r.expiresAt)}.
                  </p>
                </div>
                {declining === r.recoveryId ? (
                  <div class="confirm">
                    <p>
                      They did not ask you? Then someone else is trying to get into {r.requesterName}'s account. This
                      stops the recovery at once and reports it to the bank.
                    </p>
                    <div class="actions">
                      <button type="button" class="small" disabled={busy} onClick={() => void decline(r)}>
                        Yes, stop it and report it
                      </button>
                      <button type="button" class="small secondary" disabled={busy} onClick={() => setDeclining(null)}>
                        Go back
                      </button>
                    </div>
                  </div>
                ) : (
                  <div class="actions">
                    <button type="button" disabled={busy} onClick={() => void approve(r)}>
                      It is them — approve with my passkey
                    </button>
                    <button type="button" class="secondary" disabled={busy} onClick={() => setDeclining(r.recoveryId)}>
                      They did not ask me
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
          {step === 'approve' && <p role="status">Waiting for your passkey…</p>}
          <Alert message={error ?? requests.error} />
        </section>
      )}
      <Status message={result} />
    </>
  );
}
