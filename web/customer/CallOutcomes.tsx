/**
 * How a call verification ends, on the customer's screen. Verified: an unmistakable
 * success, and what the bank never asks on a call. Failed: a full danger screen, the caller only as
 * what they claimed, a button that calls the bank's real number, and the report. Ended otherwise
 * (expired, cancelled): the same caution, quieter. Denied ("No, I am not on a call"): nothing was
 * done, the bank was told.
 */
import type { ComponentChildren } from 'preact';
import type { BankConfig } from '../../shared/bank.ts';
import type { CallView } from '../../shared/call-view.ts';
import { t } from '../i18n/en/callScreen.ts';
import { around } from '../i18n/index.ts';
import { CallBank } from '../ui/CallBank.tsx';
import { CallStatus, ScreenHeading, type Tone } from '../ui/CallStatus.tsx';
import { agentName } from '../ui/call.ts';
import { StateIcon, type StateKind } from '../ui/StateIcon.tsx';
import { ReportCall } from './ReportCall.tsx';

/** The bank's name as the screens say it, before the config is first known. */
export const bankNameOf = (bank: BankConfig | null) => bank?.bankName ?? t('yourBank');

/** A whole screen in one state's colour, headed by its icon and words. */
export function Outcome(props: { kind: StateKind; heading: string; children: ComponentChildren }) {
  return (
    <div class={`outcome outcome-${props.kind}`}>
      <div class="outcome-head">
        <StateIcon kind={props.kind} size={48} />
        <ScreenHeading>{props.heading}</ScreenHeading>
      </div>
      {props.children}
    </div>
  );
}

/** "The caller said they were Anna K., Fraud team": never stated as fact once the call did not verify. */
export const Claimed = ({ call }: { call: CallView }) => (
  <p class="claimed">{withPart(t('claimed'), 'agent', <strong>{agentName(call.agent)}</strong>)}</p>
);

/** A text with one `{name}` placeholder filled with an element (bold, unbreakable). */
function withPart(text: string, name: string, part: ComponentChildren) {
  const [before, after] = around(text, name);
  return (
    <>
      {before}
      {part}
      {after}
    </>
  );
}

/** "Call Countersign on +44 20 7946 0000", the number never broken across lines. */
const callBankLabel = (bank: BankConfig) =>
  withPart(t('callBank', { bank: bank.bankName }), 'phone', <span class="nowrap">{bank.bankPhone}</span>);

interface CallEnded {
  call: CallView;
  bank: BankConfig | null;
  /** What follows the outcome (a problem, the way back). */
  children?: ComponentChildren;
}

export function CallVerified({ call, bank, children }: CallEnded) {
  const name = bankNameOf(bank);
  return (
    <Outcome kind="success" heading={t('reallyBank', { bank: name })}>
      <CallStatus tone="ok" text={t('verifiedWith', { agent: agentName(call.agent) })} />
      <dl class="facts">
        <dt>{t('name')}</dt>
        <dd>{call.agent.displayName}</dd>
        <dt>{t('team')}</dt>
        <dd>{call.agent.team ?? t('notGiven')}</dd>
      </dl>
      <section class="card" aria-labelledby="never-heading">
        <h2 id="never-heading">{t('neverAsk', { bank: name })}</h2>
        <ul class="never">
          <li>{t('neverSafeAccount')}</li>
          <li>{t('neverPin')}</li>
          <li>{t('neverApp')}</li>
        </ul>
        <p class="hint">{t('neverHint')}</p>
      </section>
      {children}
    </Outcome>
  );
}

export function CallFailed({ call, bank, onReported, children }: CallEnded & { onReported: (call: CallView) => void }) {
  const name = bankNameOf(bank);
  const why =
    call.failedOn === 'customer_code' ? t('customerCodeFailed', { bank: name }) : t('agentCodeFailed', { bank: name });
  return (
    <Outcome kind="danger" heading={t('hangUpNow')}>
      <CallStatus tone="bad" text={why} />
      <Claimed call={call} />
      <p>{t('doNothing')}</p>
      <p class="actions">
        <CallBank class="button danger-solid" label={callBankLabel} />
      </p>
      <ReportCall call={call} onReported={onReported} />
      {children}
    </Outcome>
  );
}

/** Expired or cancelled before it verified: not a verified call, so the caller is only who they said. */
export function CallUnverified({ call, tone, text, children }: CallEnded & { tone: Tone; text: string }) {
  return (
    <Outcome kind="warning" heading={t('notVerified')}>
      <CallStatus tone={tone} text={text} />
      <Claimed call={call} />
      <p class="actions">
        <CallBank class="button" label={callBankLabel} />
      </p>
      {children}
    </Outcome>
  );
}

/** The customer said they are not on a call: reassured, with the one thing to do if someone calls. */
export function CallDenied({ bank, children }: CallEnded) {
  const name = bankNameOf(bank);
  const phone = bank?.bankPhone ?? t('cardNumber');
  return (
    <Outcome kind="info" heading={t('thanks')}>
      <CallStatus tone="progress" text={t('nothingDone', { bank: name, phone })} />
      <p class="actions">
        <CallBank class="button" label={callBankLabel} />
      </p>
      {children}
    </Outcome>
  );
}
