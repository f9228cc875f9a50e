/** Failed, reported and denied call verifications, for agents and admins (newest first). */
import { useEffect, useState } from 'preact/hooks';
import { client, messageOf, unwrap } from '../api.ts';
import { t } from '../i18n/en/incidents.ts';
import { agentName } from './call.ts';
import { when } from './time.ts';

type Incident = Awaited<ReturnType<typeof loadIncidents>>[number];

const loadIncidents = async () => (await unwrap(client.api.incidents.$get())).incidents;

function what(incident: Incident): string {
  if (incident.kind === 'call_reported') return t('reported');
  if (incident.kind === 'customer_denied_call') return t('denied');
  if (incident.kind === 'recovery_aborted') return t('recoveryAborted');
  if (incident.failedOn === 'agent_code') return t('failedAgentCode');
  if (incident.failedOn === 'customer_code') return t('failedCustomerCode');
  return t('failed');
}

export function Incidents() {
  const [incidents, setIncidents] = useState<Incident[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    setBusy(true);
    try {
      setIncidents(await loadIncidents());
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  return (
    <section class="card" aria-labelledby="incidents-heading">
      <h2 id="incidents-heading">{t('heading')}</h2>
      <p class="hint">{t('hint')}</p>
      {incidents === null && !error && <p>{t('loading')}</p>}
      {incidents?.length === 0 && <p>{t('none')}</p>}
      {incidents && incidents.length > 0 && (
        <table>
          <caption class="sr-only">{t('caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('when')}</th>
              <th scope="col">{t('what')}</th>
              <th scope="col">{t('agent')}</th>
              <th scope="col">{t('customer')}</th>
              <th scope="col">{t('note')}</th>
            </tr>
          </thead>
          <tbody>
            {incidents.map((i) => (
              <tr key={i.seq}>
                <td>{when(i.at)}</td>
                <td>{what(i)}</td>
                <td>{agentName(i.agent)}</td>
                <td>{i.customerHandle}</td>
                <td>{i.note ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && <p class="alert">{error}</p>}
      <button type="button" class="secondary" disabled={busy} onClick={() => void load()}>
        {busy ? t('loadingShort') : t('refresh')}
      </button>
    </section>
  );
}
