/**
 * The sign-in step-up: the passkey worked, but the sign-in looks unusual (a new country, travel
 * too fast, a new device) or the customer asked for codes always, so a code was sent as well.
 * There is no session until it comes back (`POST /api/session/step-up`).
 */
import { useState } from 'preact/hooks';
import type { StepUpReason } from '../../shared/account.ts';
import { ApiError, client, unwrap } from '../api.ts';
import type { Account, StepUp as StepUpView } from '../passkey.ts';
import { Alert } from '../ui/Alert.tsx';
import { ScreenHeading } from '../ui/CallStatus.tsx';
import { CodeSent } from '../ui/CodeSent.tsx';
import { type Channel, channelsReaching } from '../ui/otp.ts';

const reasonText: Record<StepUpReason, string> = {
  new_country: 'You are signing in from a country you have not signed in from before.',
  impossible_travel:
    'You signed in from somewhere else a short while ago, too far away for anyone to have travelled here since.',
  new_device: 'You are signing in with a passkey or device you have not signed in with before.',
  always: 'You asked us to always send a code when you sign in.',
};

/** "That code is not right. 3 tries left." → 3. */
const triesIn = (message: string | undefined) => Number(/(\d+) tr(y|ies) left/.exec(message ?? '')?.[1] ?? NaN);

interface StepUpProps {
  stepUp: StepUpView;
  onSignedIn: (account: Account) => void;
  onStartAgain: () => void;
}

export function StepUp({ stepUp, onSignedIn, onStartAgain }: StepUpProps) {
  const [verification, setVerification] = useState(stepUp.verification);
  const [closed, setClosed] = useState<string | null>(null);

  const check = async (code: string) => {
    try {
      const { account } = await unwrap(client.api.session['step-up'].$post({ json: { code } }));
      onSignedIn(account);
      return null;
    } catch (e) {
      if (e instanceof ApiError && e.code === 'code_wrong') {
        const left = triesIn(e.fields.code);
        const triesLeft = Number.isNaN(left) ? Math.max(1, verification.attempts_left - 1) : left;
        setVerification({ ...verification, attempts_left: triesLeft });
        return { triesLeft, message: e.fields.code ?? e.message };
      }
      if (e instanceof ApiError && (e.status === 409 || e.status === 404)) {
        setClosed(
          'This code no longer works: too many wrong tries, or it expired. Start again and sign in with your passkey once more.',
        );
        return null;
      }
      throw e;
    }
  };
  const resend = async (channel: Channel) => {
    const answer = await unwrap(client.api.session['step-up'].resend.$post({ json: { channel } }));
    setVerification(answer.stepUp.verification);
    return answer.stepUp.verification;
  };

  return (
    <>
      <ScreenHeading>Check it is you</ScreenHeading>
      <p>Your passkey worked. This sign-in is not like your usual ones, so we also sent you a code:</p>
      <ul>
        {stepUp.reasons.map((reason) => (
          <li key={reason}>{reasonText[reason] ?? reason}</li>
        ))}
      </ul>
      <section class="card" aria-labelledby="step-up-heading">
        <h2 id="step-up-heading">Your sign-in code</h2>
        {!closed && (
          <CodeSent
            id="step-up"
            verification={verification}
            channels={channelsReaching(verification.to)}
            submitLabel="Check the code and sign in"
            onCheck={check}
            onResend={resend}
            onCancel={onStartAgain}
            cancelLabel="Start again"
          />
        )}
        <Alert message={closed} />
        {closed && (
          <button type="button" onClick={onStartAgain}>
            Start again
          </button>
        )}
        <p class="hint">If you are not signing in right now, do not type or share this code.</p>
      </section>
    </>
  );
}
