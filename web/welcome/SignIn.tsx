/**
 * Signing in with a passkey: the button asks the device at once; the handle field offers the
 * device's passkeys in the browser's autofill too (conditional mediation), where the browser can.
 */
import { useRef, useState } from 'preact/hooks';
import { messageOf } from '../api.ts';
import { t } from '../i18n/en/core.ts';
import {
  type Account,
  isAbort,
  type SignInOutcome,
  type StepUp,
  signInFromAutofill,
  signInWithPasskey,
} from '../passkey.ts';
import { Alert } from '../ui/Alert.tsx';
import { Field } from '../ui/Field.tsx';
import { useAction } from '../ui/useAction.ts';

interface Props {
  onSignedIn: (account: Account) => void;
  onStepUp: (stepUp: StepUp) => void;
}

export function SignIn(props: Props) {
  const { busy, error, run } = useAction();
  const [handle, setHandle] = useState('');
  const [autofillError, setAutofillError] = useState<string | null>(null);
  const waiting = useRef(false);
  const done = (outcome: SignInOutcome) => {
    if ('stepUp' in outcome) props.onStepUp(outcome.stepUp);
    else props.onSignedIn(outcome.account);
  };

  // Started when the field is first focused, not on page load: a request pending from page load
  // would hold a server ceremony for every visitor, and test authenticators would answer it at once.
  // One request at a time; a new one after it ends (picked, failed, or given way to the button).
  const offerAutofill = () => {
    if (waiting.current || busy) return;
    waiting.current = true;
    signInFromAutofill()
      .then((outcome) => outcome && done(outcome))
      .catch((e) => {
        if (!isAbort(e)) setAutofillError(messageOf(e));
      })
      .finally(() => {
        waiting.current = false;
      });
  };

  const signIn = () =>
    run(async () => {
      setAutofillError(null);
      done(await signInWithPasskey());
    });
  return (
    <section class="card" aria-labelledby="signin-heading">
      <h2 id="signin-heading">{t('haveAccount')}</h2>
      <p class="hint">{t('deviceWillAsk')}</p>
      <Field
        id="signin-handle"
        label={t('signInAs')}
        hint={t('signInAsHint')}
        value={handle}
        onInput={setHandle}
        autoComplete="username webauthn"
        onFocus={offerAutofill}
      />
      <button type="button" onClick={signIn} disabled={busy}>
        {busy ? t('waitingPasskey') : t('signInPasskey')}
      </button>
      <Alert message={error ?? autofillError} />
    </section>
  );
}
