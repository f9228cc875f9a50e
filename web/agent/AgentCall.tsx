/** The agent's side of a call verification: wait, check the customer's code, read the agent's code. */
import { useEffect, useState } from 'preact/hooks';
import type { CallView } from '../../shared/call-view.ts';
import { client, unwrap } from '../api.ts';
import { Alert } from '../ui/Alert.tsx';
import { CallStatus, ExpiresIn, ScreenHeading, type Tone } from '../ui/CallStatus.tsx';
import { type ShownState, shownState, useCall } from '../ui/call.ts';
import { CodeForm, SpokenCode } from '../ui/codes.tsx';
import { clockTime } from '../ui/time.ts';
import { useAction } from '../ui/useAction.ts';
import { UnlockAccount } from './UnlockAccount.tsx';

function progress(state: ShownState, call: CallView | null): { tone: Tone; text: string } {
  const who = call ? `${call.customer.displayName} (${call.customer.handle})` : 'the customer';
  switch (state) {
    case 'loading':
      return { tone: 'progress', text: 'Loading the verification…' };
    case 'ended':
      return { tone: 'progress', text: 'This verification has ended.' };
    case 'awaiting_customer':
      return { tone: 'progress', text: 'Waiting for the customer… Their app is asking them to confirm the call.' };
    case 'customer_code_issued':
      return { tone: 'progress', text: 'The customer confirmed with their passkey. Ask them to read you their code.' };
    case 'agent_code_issued':
      return { tone: 'progress', text: 'The customer’s code is right. Waiting for the customer to type your code…' };
    case 'verified':
      return { tone: 'ok', text: `Verified: you are speaking with ${who}.` };
    case 'declined':
      // Issue 11: whoever is on the line may be someone calling as the customer.
      return {
        tone: 'bad',
        text: 'The customer says they are not on a call with you. Do not act on this account. An incident was recorded.',
      };
    case 'failed':
      return call?.failedOn === 'agent_code'
        ? {
            tone: 'bad',
            text: 'Verification failed: the customer typed a wrong code too many times. Their app told them to hang up and call the bank’s real number. An incident was recorded.',
          }
        : {
            tone: 'bad',
            text: 'Verification failed: the customer’s code was wrong too many times. Do not discuss the account on this call. An incident was recorded.',
          };
    case 'canceled':
      return { tone: 'progress', text: 'You cancelled this verification.' };
    case 'expired':
      return { tone: 'bad', text: 'This verification expired before it was finished.' };
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
      <ScreenHeading>{call ? `Verifying ${call.customer.displayName}` : 'Call verification'}</ScreenHeading>
      {call && (
        <section class="card" aria-labelledby="call-facts-heading">
          <h2 id="call-facts-heading">This call</h2>
          <dl class="facts">
            <dt>Customer</dt>
            <dd>
              {call.customer.displayName} ({call.customer.handle})
            </dd>
            <dt>Started</dt>
            <dd>{clockTime(call.startedAt)}</dd>
            {open && (
              <>
                <dt>Expires in</dt>
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
          <h2 id="customer-code-heading">Check the customer’s code</h2>
          <CodeForm
            id="customer-code"
            label="The code the customer reads to you"
            triesLeft={call.customerCodeTriesLeft}
            submitLabel="Check the customer’s code"
            onCheck={checkCustomerCode}
          />
        </section>
      )}
      {call && state === 'agent_code_issued' && (
        <section class="card" aria-labelledby="agent-code-heading">
          <h2 id="agent-code-heading">Read this code to the customer</h2>
          {agentCode ? (
            <>
              <SpokenCode code={agentCode} />
              <p class="hint">The customer types it into their app. It proves the call comes from us.</p>
            </>
          ) : (
            <>
              <p>This screen no longer shows your code (the page was reloaded). Ask for a new one and read that.</p>
              <button type="button" disabled={busy} onClick={newAgentCode}>
                {busy ? 'Working…' : 'Show a new code'}
              </button>
            </>
          )}
        </section>
      )}
      <Alert message={error ?? readError} />
      {open ? (
        <button type="button" class="secondary" disabled={busy} onClick={cancel}>
          Cancel this verification
        </button>
      ) : (
        <button type="button" onClick={onClose}>
          Back to the console
        </button>
      )}
    </>
  );
}
