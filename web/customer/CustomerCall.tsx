/**
 * The customer's side of a call verification: one tap ("Yes, I am on a call", which asks for the
 * passkey), one fingerprint, one code typed (checked at its sixth digit); then the outcome
 * (CallOutcomes.tsx).
 */
import { useEffect, useState } from 'preact/hooks';
import type { CallView } from '../../shared/call-view.ts';
import { client, unwrap } from '../api.ts';
import { t } from '../i18n/en/callScreen.ts';
import { around } from '../i18n/index.ts';
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
  const agent = call?.agent.displayName ?? t('theAgent');
  const hangUp = t('hangUpAndCall', { bank });
  switch (state) {
    case 'loading':
      return { tone: 'progress', text: t('loadingVerification') };
    case 'ended':
      return { tone: 'progress', text: t('ended') };
    case 'awaiting_customer':
      return { tone: 'progress', text: t('waitingAnswer', { agent }) };
    case 'customer_code_issued':
      return hasCode
        ? { tone: 'progress', text: t('waitingCheck', { agent }) }
        : { tone: 'progress', text: t('confirmAgain') };
    case 'agent_code_issued':
      return { tone: 'progress', text: t('askTheirCode', { agent }) };
    case 'canceled':
      // Not verified: the caller is no more than who they said they were.
      return { tone: 'progress', text: t('canceled', { hangUp }) };
    case 'expired':
      return { tone: 'bad', text: t('expired', { hangUp }) };
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
      message: t('wrongAgentCode', { tries: tries(checked.triesLeft) }),
    };
  };

  const state = shownState(watch);
  const back = (
    <button type="button" class="secondary" onClick={onClose}>
      {t('backHome')}
    </button>
  );
  const problem = <Alert message={error ?? readError} />;
  // "Expires in 4:05. Read it…": the countdown ticks inside the sentence.
  const [expiresBefore, expiresAfter] = around(t('expiresIn'), 'time');
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
      <ScreenHeading>{t('heading')}</ScreenHeading>
      {call && (
        <section class="card" aria-labelledby="caller-heading">
          <h2 id="caller-heading">{t('whoIsAsking')}</h2>
          <dl class="facts">
            <dt>{t('name')}</dt>
            <dd>{call.agent.displayName}</dd>
            <dt>{t('team')}</dt>
            <dd>{call.agent.team ?? t('notGiven')}</dd>
            <dt>{t('askedAt')}</dt>
            <dd>{clockTime(call.startedAt)}</dd>
          </dl>
        </section>
      )}
      <CallStatus {...progress(state, call, code !== null, bankNameOf(bank))} />
      {call && state === 'awaiting_customer' && (
        <section class="card" aria-labelledby="question-heading">
          <h2 id="question-heading">{t('question')}</h2>
          <p class="hint">{t('questionHint', { agent: call.agent.displayName })}</p>
          <div class="actions">
            <button type="button" disabled={busy !== null} onClick={confirm}>
              {busy === 'confirm' ? t('waitingPasskey') : t('yesOnCall')}
            </button>
            <button type="button" class="secondary" disabled={busy !== null} onClick={decline}>
              {busy === 'decline' ? t('tellingBank') : t('noCall')}
            </button>
          </div>
        </section>
      )}
      {call && state === 'customer_code_issued' && (
        <section class="card" aria-labelledby="your-code-heading">
          <h2 id="your-code-heading">{t('readCode', { agent: call.agent.displayName })}</h2>
          {code ? (
            <>
              <SpokenCode code={code} />
              <p class="hint">
                {expiresBefore}
                <ExpiresIn at={call.expiresAt} />
                {expiresAfter}
              </p>
            </>
          ) : (
            <button type="button" disabled={busy !== null} onClick={confirm}>
              {busy === 'confirm' ? t('waitingPasskey') : t('showAgain')}
            </button>
          )}
        </section>
      )}
      {call && state === 'agent_code_issued' && (
        <section class="card" aria-labelledby="their-code-heading">
          <h2 id="their-code-heading">{t('checkBankCode')}</h2>
          <CodeForm
            id="agent-code"
            label={t('codeReadToYou', { agent: call.agent.displayName })}
            triesLeft={call.agentCodeTriesLeft}
            submitLabel={t('checkCode')}
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
