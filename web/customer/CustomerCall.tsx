/**
 * The customer's side of a call verification: one tap ("Yes, I am on a call", which asks for the
 * passkey), one fingerprint, one code typed (checked at its sixth digit); then the outcome
 * (CallOutcomes.tsx).
 */
import { useEffect, useState } from 'preact/hooks';
import type { CallView } from '../../shared/call-view.ts';
import { client, unwrap } from '../api.ts';
import { confirmCall } from '../passkey.ts';
import { Alert } from '../ui/Alert.tsx';
import { useBank } from '../ui/bank.ts';
import { CallStatus, ExpiresIn, ScreenHeading, type Tone } from '../ui/CallStatus.tsx';
import { type ShownState, shownState, useCall } from '../ui/call.ts';
import { CodeForm, SpokenCode, tries } from '../ui/codes.tsx';
import { clockTime } from '../ui/time.ts';
import { useAction } from '../ui/useAction.ts';
import { bankNameOf, CallDenied, CallFailed, CallUnverified, CallVerified } from './CallOutcomes.tsx';

function progress(
  state: ShownState,
  call: CallView | null,
  hasCode: boolean,
  bank: string,
): { tone: Tone; text: string } {
  const agent = call?.agent.displayName ?? 'The agent';
  const hangUp = `hang up and call ${bank} on its real number, below.`;
  switch (state) {
    case 'loading':
      return { tone: 'progress', text: 'Loading the verification…' };
    case 'ended':
      return { tone: 'progress', text: 'This verification has ended.' };
    case 'awaiting_customer':
      return { tone: 'progress', text: `${agent} is waiting for your answer.` };
    case 'customer_code_issued':
      return hasCode
        ? { tone: 'progress', text: `Waiting for ${agent} to check your code…` }
        : { tone: 'progress', text: 'Confirm with your passkey again to see your code.' };
    case 'agent_code_issued':
      return { tone: 'progress', text: `${agent} checked your code. Now ask them to read you their code.` };
    case 'canceled':
      // Not verified: the caller is no more than who they said they were.
      return {
        tone: 'progress',
        text: `The caller cancelled this verification before it finished. If you are unsure who is calling, ${hangUp}`,
      };
    case 'expired':
      return { tone: 'bad', text: `This verification expired. If you are unsure who is calling, ${hangUp}` };
    default:
      // Verified, failed and declined have screens of their own (CallOutcomes.tsx).
      return { tone: 'progress', text: '' };
  }
}

export function CustomerCall({ id, onClose }: { id: string; onClose: () => void }) {
  const watch = useCall(id);
  const { call, error: readError, update } = watch;
  const bank = useBank();
  const [code, setCode] = useState<string | null>(null);
  const { step: busy, error, run } = useAction<'confirm' | 'decline'>();

  // The customer's code is only good until the agent has checked it.
  useEffect(() => {
    if (call && call.state !== 'customer_code_issued') setCode(null);
  }, [call?.state]);

  const confirm = () =>
    run(async () => {
      const confirmed = await confirmCall(id);
      setCode(confirmed.code);
      update(confirmed.call);
    }, 'confirm');
  const decline = () =>
    run(async () => update((await unwrap(client.api.calls[':id'].decline.$post({ param: { id } }))).call), 'decline');
  const checkAgentCode = async (agentCode: string) => {
    const checked = await unwrap(
      client.api.calls[':id']['agent-code'].$post({ param: { id }, json: { code: agentCode } }),
    );
    update(checked.call);
    if (checked.outcome === 'matched') return null;
    // Issue 11: someone who is not the bank coaches "just try again"; the app says what that means.
    return {
      triesLeft: checked.triesLeft,
      message: `That is not the code. If the caller tells you to keep trying, hang up. ${tries(checked.triesLeft)}.`,
    };
  };

  const state = shownState(watch);
  const back = (
    <button type="button" class="secondary" onClick={onClose}>
      Back to home
    </button>
  );
  const problem = <Alert message={error ?? readError} />;
  if (call && state === 'verified')
    return (
      <CallVerified call={call} bank={bank}>
        {problem}
        {back}
      </CallVerified>
    );
  if (call && state === 'failed')
    return (
      <CallFailed call={call} bank={bank} onReported={update}>
        {problem}
        {back}
      </CallFailed>
    );
  if (call && state === 'declined')
    return (
      <CallDenied call={call} bank={bank}>
        {problem}
        {back}
      </CallDenied>
    );
  if (call && (state === 'expired' || state === 'canceled'))
    return (
      <CallUnverified call={call} bank={bank} {...progress(state, call, false, bankNameOf(bank))}>
        {problem}
        {back}
      </CallUnverified>
    );
  return (
    <>
      <ScreenHeading>A call from your bank</ScreenHeading>
      {call && (
        <section class="card" aria-labelledby="caller-heading">
          <h2 id="caller-heading">Who is asking</h2>
          <dl class="facts">
            <dt>Name</dt>
            <dd>{call.agent.displayName}</dd>
            <dt>Team</dt>
            <dd>{call.agent.team ?? 'Not given'}</dd>
            <dt>Asked at</dt>
            <dd>{clockTime(call.startedAt)}</dd>
          </dl>
        </section>
      )}
      <CallStatus {...progress(state, call, code !== null, bankNameOf(bank))} />
      {call && state === 'awaiting_customer' && (
        <section class="card" aria-labelledby="question-heading">
          <h2 id="question-heading">Are you on a call with us right now?</h2>
          <p class="hint">
            Answer yes only if you are on the phone with {call.agent.displayName} now. Your device will ask for your
            fingerprint, face or screen lock.
          </p>
          <div class="actions">
            <button type="button" disabled={busy !== null} onClick={confirm}>
              {busy === 'confirm' ? 'Waiting for your passkey…' : 'Yes, I am on a call'}
            </button>
            <button type="button" class="secondary" disabled={busy !== null} onClick={decline}>
              {busy === 'decline' ? 'Telling the bank…' : 'No, I am not on a call'}
            </button>
          </div>
        </section>
      )}
      {call && state === 'customer_code_issued' && (
        <section class="card" aria-labelledby="your-code-heading">
          <h2 id="your-code-heading">Read this code to {call.agent.displayName}</h2>
          {code ? (
            <>
              <SpokenCode code={code} />
              <p class="hint">
                Expires in <ExpiresIn at={call.expiresAt} />. Read it only to the person on this call.
              </p>
            </>
          ) : (
            <button type="button" disabled={busy !== null} onClick={confirm}>
              {busy === 'confirm' ? 'Waiting for your passkey…' : 'Show my code again'}
            </button>
          )}
        </section>
      )}
      {call && state === 'agent_code_issued' && (
        <section class="card" aria-labelledby="their-code-heading">
          <h2 id="their-code-heading">Check the bank’s code</h2>
          <CodeForm
            id="agent-code"
            label={`The code ${call.agent.displayName} reads to you`}
            triesLeft={call.agentCodeTriesLeft}
            submitLabel="Check the code"
            onCheck={checkAgentCode}
            auto
          />
        </section>
      )}
      {problem}
      {back}
    </>
  );
}
