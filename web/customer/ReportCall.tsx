/** "Report this call": the customer tells the bank's fraud team about a call that failed to verify. */
import { useState } from 'preact/hooks';
import type { CallView } from '../../shared/call-view.ts';
import { client, unwrap } from '../api.ts';
import { Alert, Status } from '../ui/Alert.tsx';
import { useAction } from '../ui/useAction.ts';

export function ReportCall({ call, onReported }: { call: CallView; onReported: (call: CallView) => void }) {
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();

  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const trimmed = note.trim();
      const reported = await unwrap(
        client.api.calls[':id'].report.$post({ param: { id: call.id }, json: trimmed ? { note: trimmed } : {} }),
      );
      onReported(reported.call);
    });
  };

  return (
    <section class="card" aria-labelledby="report-heading">
      <h2 id="report-heading">Report this call</h2>
      {!call.reported && (
        <form onSubmit={submit} noValidate>
          <p class="hint">Tell us what the caller said or asked for. Our fraud team reads every report.</p>
          <label for="report-note">What happened? (optional)</label>
          <textarea
            id="report-note"
            name="note"
            rows={4}
            maxLength={1000}
            value={note}
            onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
          />
          <button type="submit" disabled={busy}>
            {busy ? 'Sending your report…' : 'Report this call'}
          </button>
          <Alert message={error} />
        </form>
      )}
      <Status message={call.reported ? 'Thank you: your report was recorded. Our fraud team will look at it.' : null} />
    </section>
  );
}
