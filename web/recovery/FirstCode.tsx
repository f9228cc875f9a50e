/** The code sent to the account's own phone: the first factor of a recovery. */
import { useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { ScreenHeading } from '../ui/CallStatus.tsx';
import { CodeForm } from '../ui/codes.tsx';
import { checkFirstCode, type RecoveryView } from './calls.ts';

// OTP_MAX_CHECKS by default; the answers to wrong codes say how many are left.
const firstTries = 5;
const tries = (n: number) => (n === 1 ? '1 try left' : `${n} tries left`);

/** Why the code stopped working, from the verification's status. */
const closedWhy = (status: string) =>
  status === 'max_attempts_reached'
    ? 'Too many wrong codes: that code no longer works. Start again.'
    : 'That code has expired or no longer works. Start again.';

interface FirstCodeProps {
  view: RecoveryView;
  onChange: (view: RecoveryView) => void;
  /** The code stopped working (too many tries, expired): why, in words. */
  onClosed: (why: string) => void;
  /** The recovery moved on without this screen (another tab, expiry): read it again. */
  onStale: () => void;
  onStartAgain: () => void;
}

export function FirstCode({ view, onChange, onClosed, onStale, onStartAgain }: FirstCodeProps) {
  const [triesLeft, setTriesLeft] = useState(firstTries);

  const check = async (code: string) => {
    let answer: Awaited<ReturnType<typeof checkFirstCode>>;
    try {
      answer = await checkFirstCode(code);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 409) throw e;
      onClosed(closedWhy('expired'));
      onStale();
      return null;
    }
    if (answer.status === 'pending' && answer.attempts_left > 0) {
      setTriesLeft(answer.attempts_left);
      return { triesLeft: answer.attempts_left, message: `That code is not right. ${tries(answer.attempts_left)}.` };
    }
    if (answer.status !== 'approved' && answer.status !== 'pending') onClosed(closedWhy(answer.status));
    onChange(answer.recovery);
    return null;
  };

  return (
    <>
      <ScreenHeading>Check it is your phone</ScreenHeading>
      <p>
        We sent a code to <strong>{view.to}</strong> by text message.
      </p>
      <p class="hint">If that is not your phone any more, this way of recovering your account will not work.</p>
      <CodeForm
        id="recovery-first-code"
        label="The code we sent you"
        triesLeft={triesLeft}
        submitLabel="Check the code"
        onCheck={check}
      />
      <button type="button" class="secondary" onClick={onStartAgain}>
        Start again
      </button>
    </>
  );
}
