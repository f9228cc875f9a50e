/**
 * The agent console: find a customer (by handle, verified phone or the bank's
 * reference), see their details, and verify them in their app or by a one-time code to their
 * verified phone; call incidents and the agent's own account. At desktop widths (≥ 1024 px) the
 * call sits beside the customer's details; on a phone, one column.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { client, messageOf, unwrap } from '../api.ts';
import { LanguageChoice } from '../customer/LanguageChoice.tsx';
import { t } from '../i18n/en/agent.ts';
import type { Account } from '../passkey.ts';
import { Incidents } from '../ui/Incidents.tsx';
import { Lazy } from '../ui/Lazy.tsx';
import { Passkeys } from '../ui/Passkeys.tsx';
import { SecurityEvents } from '../ui/SecurityEvents.tsx';
import { AgentCall } from './AgentCall.tsx';
import { CustomerCard } from './CustomerCard.tsx';
import { FindCustomer } from './FindCustomer.tsx';
import { useCurrentCall, useCurrentCustomer, VerifyCustomer } from './VerifyCustomer.tsx';

interface ColumnsProps {
  main: ComponentChildren;
  side: ComponentChildren;
  sideLabel: string;
  /** The main column opens with the screen's heading: the side column starts level with its first card. */
  headed?: boolean;
}

/** Two columns at desktop widths: the work, and beside it what it is about. */
function Columns({ main, side, sideLabel, headed }: ColumnsProps) {
  return (
    <div class={headed ? 'console headed' : 'console'}>
      <div class="console-main">{main}</div>
      <aside class="console-side" aria-label={sideLabel}>
        {side}
      </aside>
    </div>
  );
}

export function AgentConsole({ account }: { account: Account }) {
  const [team, setTeam] = useState(account.team);
  const [error, setError] = useState<string | null>(null);
  const [refresh, setRefresh] = useState(0);
  const [callId, openCall] = useCurrentCall();
  const [customer, setCustomer] = useCurrentCustomer();
  const [fallback, openFallback] = useState(false);
  useEffect(() => {
    unwrap(client.api.agent.console.$get())
      .then((r) => setTeam(r.agent.team))
      .catch((e) => setError(messageOf(e)));
  }, []);

  const details = customer && <CustomerCard customer={customer} />;
  if (callId) {
    return (
      <Columns
        headed
        sideLabel={t('theCustomer')}
        main={<AgentCall id={callId} onClose={() => openCall(null)} />}
        side={details ?? <p class="hint">{t('detailsHere')}</p>}
      />
    );
  }
  if (fallback && customer) {
    return (
      <Columns
        headed
        sideLabel={t('theCustomer')}
        main={
          <Lazy
            load={() => import('./FallbackCode.tsx').then((m) => m.FallbackCode)}
            props={{ customer, onClose: () => openFallback(false) }}
            loading={t('loading')}
          />
        }
        side={details}
      />
    );
  }
  return (
    <>
      <h1>{t('consoleHeading')}</h1>
      <Columns
        sideLabel={t('yourAccount')}
        main={
          <>
            <FindCustomer
              onFound={(found) => {
                setCustomer(found);
                openFallback(false);
              }}
            />
            {customer && (
              <CustomerCard customer={customer}>
                <VerifyCustomer customer={customer} onStarted={openCall} onFallback={() => openFallback(true)} />
              </CustomerCard>
            )}
            <Incidents />
          </>
        }
        side={
          <>
            <section class="card" aria-labelledby="agent-heading">
              <h2 id="agent-heading">{t('signedInAs', { name: account.displayName })}</h2>
              <dl class="facts">
                <dt>{t('team')}</dt>
                <dd>{team ?? t('noTeam')}</dd>
                <dt>{t('handle')}</dt>
                <dd>{account.handle}</dd>
              </dl>
              {error && <p class="alert">{error}</p>}
            </section>
            <LanguageChoice onChange={() => setRefresh((n) => n + 1)} />
            <Passkeys onChange={() => setRefresh((n) => n + 1)} />
            <SecurityEvents refresh={refresh} />
          </>
        }
      />
    </>
  );
}
