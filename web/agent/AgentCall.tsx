/** The agent's side of a call verification: wait, check the customer's code, read the agent's code. */
import { useEffect, useState } from 'preact/hooks';
import type { CallView } from '../../shared/call-view.ts';
import { client, unwrap } from '../api.ts';
import { t } from '../i18n/en/agent.ts';
import { Alert } from '../ui/Alert.tsx';
import { CallStatus, ExpiresIn, ScreenHeading, type Tone } from '../ui/CallStatus.tsx';
import { type ShownState, shownState, useCall } from '../ui/call.ts';
import { CodeForm, SpokenCode } from '../ui/codes.tsx';
import { clockTime } from '../ui/time.ts';
import { useAction } from '../ui/useAction.ts';
import { UnlockAccount } from './UnlockAccount.tsx';

function progress(state: ShownState, call: CallView | null): { tone: Tone; text: string } {
  const who = call ? `${call.customer.displayName} (${call.customer.handle})` : t('someCustomer');
  switch (state) {
    case 'loading':
      return { tone: 'progress', text: t('loadingCall') };
    case 'ended':
      return { tone: 'progress', text: t('ended') };
    case 'awaiting_customer':
      return { tone: 'progress', text: t('awaitingCustomer') };
    case 'customer_code_issued':
      return { tone: 'progress', text: t('customerCodeIssued') };
    case 'agent_code_issued':
      return { tone: 'progress', text: t('agentCodeIssued') };
    case 'verified':
      return { tone: 'ok', text: t('verified', { who }) };
    case 'declined':
      // Issue 11: whoever is on the line may be someone calling as the customer.
      return {
        tone: 'bad',
        text: t('declined'),
      };
    case 'failed':
      return call?.failedOn === 'agent_code'
        ? {
            tone: 'bad',
            text: t('failedAgentCode'),
          }
        : {
            tone: 'bad',
            text: t('failedCustomerCode'),
          };
    case 'canceled':
      return { tone: 'progress', text: t('canceled') };
    case 'expired':
      return { tone: 'bad', text: t('expired') };
  }
}

export function AgentCall({ id, onClose }: { id: string; onClose: () => void }) {
  const watch = useCall(id);
  const { call, error: readError, update } = watch;
  const [agentCode, setAgentCode] = useState<string | null>(null);
  const { busy, error, run: act } = useAction();

  // The agent's code is only good while the customer is asked to type it.
  useEffect(() => {
    if (call && call.state !== 'agent_code_issued') setAgentCode(null);
  }, [call?.state]);

  const checkCustomerCode = async (code: string) => {
    const checked = await unwrap(client.api.calls[':id']['customer-code'].$post({ param: { id }, json: { code } }));
    if (checked.agentCode) setAgentCode(checked.agentCode);
    update(checked.call);
    return checked.outcome === 'matched' ? null : { triesLeft: checked.triesLeft };
  };
  const newAgentCode = () =>
    act(async () => {
      const issued = await unwrap(client.api.calls[':id']['agent-code'].new.$post({ param: { id } }));
      setAgentCode(issued.agentCode);
      update(issued.call);
    });
  const cancel = () =>
    act(async () => update((await unwrap(client.api.calls[':id'].cancel.$post({ param: { id } }))).call));

  const state = shownState(watch);
  const open = state === 'awaiting_customer' || state === 'customer_code_issued' || state === 'agent_code_issued';
  return (
    <>
      <ScreenHeading>
        {call ? t('verifying', { name: call.customer.displayName }) : t('callVerification')}
      </ScreenHeading>
      {call && (
        <section class="card" aria-labelledby="call-facts-heading">
          <h2 id="call-facts-heading">{t('thisCall')}</h2>
          <dl class="facts">
            <dt>{t('customer')}</dt>
            <dd>
              {call.customer.displayName} ({call.customer.handle})
            </dd>
            <dt>{t('started')}</dt>
            <dd>{clockTime(call.startedAt)}</dd>
            {open && (
              <>
                <dt>{t('expiresIn')}</dt>
                <dd>
                  <ExpiresIn at={call.expiresAt} />
                </dd>
              </>
            )}
          </dl>
        </section>
      )}
      <CallStatus {...progress(state, call)} />
      <UnlockAccount id={id} state={state} />
      {call && state === 'customer_code_issued' && (
        <section class="card" aria-labelledby="customer-code-heading">
          <h2 id="customer-code-heading">{t('checkCustomerCode')}</h2>
          <CodeForm
            id="customer-code"
            label={t('customerReadsCode')}
            triesLeft={call.customerCodeTriesLeft}
            submitLabel={t('checkCustomerCode')}
            onCheck={checkCustomerCode}
          />
        </section>
      )}
      {call && state === 'agent_code_issued' && (
        <section class="card" aria-labelledby="agent-code-heading">
          <h2 id="agent-code-heading">{t('readThisCode')}</h2>
          {agentCode ? (
            <>
              <SpokenCode code={agentCode} />
              <p class="hint">{t('customerTypesIt')}</p>
            </>
          ) : (
            <>
              <p>{t('codeLost')}</p>
              <button type="button" disabled={busy} onClick={newAgentCode}>
                {busy ? t('working') : t('showNewCode')}
              </button>
            </>
          )}
        </section>
      )}
      <Alert message={error ?? readError} />
      {open ? (
        <button type="button" class="secondary" disabled={busy} onClick={cancel}>
          {t('cancelVerification')}
        </button>
      ) : (
        <button type="button" onClick={onClose}>
          {t('backToConsole')}
        </button>
      )}
    </>
  );
}
