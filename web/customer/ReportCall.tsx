/** "Report this call": the customer tells the bank's fraud team about a call that failed to verify. */
import { useState } from 'preact/hooks';
import type { CallView } from '../../shared/call-view.ts';
import { client, unwrap } from '../api.ts';
import { t } from '../i18n/en/call.ts';
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
      <h2 id="report-heading">{t('reportHeading')}</h2>
      {!call.reported && (
        <form onSubmit={submit} noValidate>
          <p class="hint">{t('reportHint')}</p>
          <label for="report-note">{t('whatHappened')}</label>
          <textarea
            id="report-note"
            name="note"
            rows={4}
            maxLength={1000}
            value={note}
            onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
          />
          <button type="submit" disabled={busy}>
            {busy ? t('sendingReport') : t('reportHeading')}
          </button>
          <Alert message={error} />
        </form>
      )}
      <Status message={call.reported ? t('reported') : null} />
    </section>
  );
}
