/** Failed, reported and denied call verifications, for agents and admins (newest first). */
import { useEffect, useState } from 'preact/hooks';
import { client, messageOf, unwrap } from '../api.ts';
import { agentName } from './call.ts';
import { when } from './time.ts';

type Incident = Awaited<ReturnType<typeof loadIncidents>>[number];

const loadIncidents = async () => (await unwrap(client.api.incidents.$get())).incidents;

function what(incident: Incident): string {
  if (incident.kind === 'call_reported') return 'Reported by the customer';
  if (incident.kind === 'customer_denied_call')
    return 'The customer said they were not on a call: do not act on this account';
  if (incident.kind === 'recovery_aborted')
    return 'Account recovery stopped: a trusted contact was not asked by the holder';
  if (incident.failedOn === 'agent_code') return 'Failed: the customer typed a wrong agent code too many times';
  if (incident.failedOn === 'customer_code') return 'Failed: the customer’s code was wrong too many times';
  return 'Failed';
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
      <h2 id="incidents-heading">Call incidents</h2>
      <p class="hint">
        Call verifications that failed, calls customers reported, and calls customers said they were not on.
      </p>
      {incidents === null && !error && <p>Loading incidents…</p>}
      {incidents?.length === 0 && <p>No incidents.</p>}
      {incidents && incidents.length > 0 && (
        <table>
          <caption class="sr-only">Call incidents, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Agent</th>
              <th scope="col">Customer</th>
              <th scope="col">Note</th>
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
        {busy ? 'Loading…' : 'Refresh incidents'}
      </button>
    </section>
  );
}
