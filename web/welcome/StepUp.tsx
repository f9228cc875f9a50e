/**
 * The sign-in step-up: the passkey worked, but the sign-in looks unusual (a new country, travel
 * too fast, a new device) or the customer asked for codes always, so a code was sent as well.
 * There is no session until it comes back (`POST /api/session/step-up`).
 */
import { useState } from 'preact/hooks';
import type { StepUpReason } from '../../shared/account.ts';
import { ApiError, client, unwrap } from '../api.ts';
import { t } from '../i18n/en/welcome.ts';
import type { Account, StepUp as StepUpView } from '../passkey.ts';
import { Alert } from '../ui/Alert.tsx';
import { ScreenHeading } from '../ui/CallStatus.tsx';
import { CodeSent } from '../ui/CodeSent.tsx';
import { type Channel, channelsReaching } from '../ui/otp.ts';

const reasons: readonly StepUpReason[] = ['new_country', 'impossible_travel', 'new_device', 'always'];

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
        const triesLeft = e.attemptsLeft ?? Math.max(1, verification.attempts_left - 1);
        setVerification({ ...verification, attempts_left: triesLeft });
        return { triesLeft, message: e.fields.code ?? e.message };
      }
      if (e instanceof ApiError && (e.status === 409 || e.status === 404)) {
        setClosed(t('codeGone'));
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
      <ScreenHeading>{t('checkYou')}</ScreenHeading>
      <p>{t('passkeyWorked')}</p>
      <ul>
        {stepUp.reasons.map((reason) => (
          <li key={reason}>{reasons.includes(reason) ? t(reason) : reason}</li>
        ))}
      </ul>
      <section class="card" aria-labelledby="step-up-heading">
        <h2 id="step-up-heading">{t('signInCode')}</h2>
        {!closed && (
          <CodeSent
            id="step-up"
            verification={verification}
            channels={channelsReaching(verification.to)}
            submitLabel={t('checkAndSignIn')}
            onCheck={check}
            onResend={resend}
            onCancel={onStartAgain}
            cancelLabel={t('startAgain')}
          />
        )}
        <Alert message={closed} />
        {closed && (
          <button type="button" onClick={onStartAgain}>
            {t('startAgain')}
          </button>
        )}
        <p class="hint">{t('notSigningIn')}</p>
      </section>
    </>
  );
}
