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
import { CallBank } from '../ui/CallBank.tsx';
import { CallStatus, ScreenHeading, type Tone } from '../ui/CallStatus.tsx';
import { agentName } from '../ui/call.ts';
import { StateIcon, type StateKind } from '../ui/StateIcon.tsx';
import { ReportCall } from './ReportCall.tsx';

/** The bank's name as the screens say it, before the config is first known. */
export const bankNameOf = (bank: BankConfig | null) => bank?.bankName ?? 'your bank';

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
  <p class="claimed">
    The caller said they were <strong>{agentName(call.agent)}</strong>.
  </p>
);

/** "Call Countersign on +44 20 7946 0000", the number never broken across lines. */
const callBankLabel = (bank: BankConfig) => (
  <>
    Call {bank.bankName} on <span class="nowrap">{bank.bankPhone}</span>
  </>
);

interface CallEnded {
  call: CallView;
  bank: BankConfig | null;
  /** What follows the outcome (a problem, the way back). */
  children?: ComponentChildren;
}

export function CallVerified({ call, bank, children }: CallEnded) {
  const name = bankNameOf(bank);
  return (
    <Outcome kind="success" heading={`This is really ${name}`}>
      <CallStatus tone="ok" text={`Verified: you are speaking with ${agentName(call.agent)}.`} />
      <dl class="facts">
        <dt>Name</dt>
        <dd>{call.agent.displayName}</dd>
        <dt>Team</dt>
        <dd>{call.agent.team ?? 'Not given'}</dd>
      </dl>
      <section class="card" aria-labelledby="never-heading">
        <h2 id="never-heading">{name} will never ask you on a call to</h2>
        <ul class="never">
          <li>move money to a “safe account”</li>
          <li>share your PIN, or a code from a text message</li>
          <li>install an app</li>
        </ul>
        <p class="hint">If the caller asks for any of these, hang up, even now.</p>
      </section>
      {children}
    </Outcome>
  );
}

export function CallFailed({ call, bank, onReported, children }: CallEnded & { onReported: (call: CallView) => void }) {
  const name = bankNameOf(bank);
  const why =
    call.failedOn === 'customer_code'
      ? `Your code was not accepted after too many tries. Hang up: this call may not be from ${name}.`
      : `The code you were read is not ${name}’s code. Hang up: this call is not from ${name}.`;
  return (
    <Outcome kind="danger" heading="Hang up now">
      <CallStatus tone="bad" text={why} />
      <Claimed call={call} />
      <p>Do not move money, share a code or install anything because of this call.</p>
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
    <Outcome kind="warning" heading="This call was not verified">
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
  const phone = bank?.bankPhone ?? 'the number on the back of your card';
  return (
    <Outcome kind="info" heading="Thank you for telling us">
      <CallStatus
        tone="progress"
        text={`Nothing was done. ${name} has been told. If someone calls you claiming to be from ${name}, hang up and call ${phone}.`}
      />
      <p class="actions">
        <CallBank class="button" label={callBankLabel} />
      </p>
      {children}
    </Outcome>
  );
}
