/**
 * The agent console's home: who is signed in, for which team; verifying a customer (in their app,
 * or by a one-time code to their phone); call incidents.
 */
import { useEffect, useState } from 'preact/hooks';
import { client, messageOf, unwrap } from '../api.ts';
import type { Account } from '../passkey.ts';
import { Incidents } from '../ui/Incidents.tsx';
import { Lazy } from '../ui/Lazy.tsx';
import { Passkeys } from '../ui/Passkeys.tsx';
import { SecurityEvents } from '../ui/SecurityEvents.tsx';
import { AgentCall } from './AgentCall.tsx';
import { useCurrentCall, VerifyCustomer } from './VerifyCustomer.tsx';

export function AgentConsole({ account }: { account: Account }) {
  const [team, setTeam] = useState(account.team);
  const [error, setError] = useState<string | null>(null);
  const [refresh, setRefresh] = useState(0);
  const [callId, openCall] = useCurrentCall();
  const [fallbackFor, openFallback] = useState<string | null>(null);
  useEffect(() => {
    unwrap(client.api.agent.console.$get())
      .then((r) => setTeam(r.agent.team))
      .catch((e) => setError(messageOf(e)));
  }, []);
  if (callId) return <AgentCall id={callId} onClose={() => openCall(null)} />;
  if (fallbackFor !== null) {
    return (
      <Lazy
        load={() => import('./FallbackCode.tsx').then((m) => m.FallbackCode)}
        props={{ handle: fallbackFor, onClose: () => openFallback(null) }}
        loading="Loading…"
      />
    );
  }
  return (
    <>
      <h1>Agent console</h1>
      <section class="card" aria-labelledby="agent-heading">
        <h2 id="agent-heading">Signed in as {account.displayName}</h2>
        <dl class="facts">
          <dt>Team</dt>
          <dd>{team ?? 'No team'}</dd>
          <dt>Handle</dt>
          <dd>{account.handle}</dd>
        </dl>
        {error && <p class="alert">{error}</p>}
      </section>
      <VerifyCustomer onStarted={openCall} onFallback={openFallback} />
      <Incidents />
      <Passkeys onChange={() => setRefresh((n) => n + 1)} />
      <SecurityEvents refresh={refresh} />
    </>
  );
}
