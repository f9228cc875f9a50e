/** First screen: sign in with a passkey, or create an account (customers; staff with an invite). */
import { useEffect, useState } from 'preact/hooks';
import { client } from '../api.ts';
import { t } from '../i18n/en/core.ts';
import { type Account, createAccount, type StepUp as StepUpView } from '../passkey.ts';
import { Alert } from '../ui/Alert.tsx';
import { Field } from '../ui/Field.tsx';
import { Lazy } from '../ui/Lazy.tsx';
import { useAction } from '../ui/useAction.ts';
import { SignIn } from './SignIn.tsx';
import { StepUp } from './StepUp.tsx';

// Account recovery on a new device: its own chunk, loaded only when asked for (web/recovery).
const loadRecovery = () => import('../recovery/Recovery.tsx').then((m) => m.Recovery);
// The first steps after a customer signs up: their own chunk too.
const loadFirstSteps = () => import('./FirstSteps.tsx').then((m) => m.FirstSteps);

export function Welcome({ onSignedIn }: { onSignedIn: (account: Account) => void }) {
  // An unusual sign-in: the passkey worked, and a code was sent as well (risk-based step-up).
  const [stepUp, setStepUp] = useState<StepUpView | null>(null);
  // `#recover`: a recovery under way on this device, back after a reload.
  const [recovering, setRecovering] = useState(() => typeof location !== 'undefined' && location.hash === '#recover');
  // A customer who has just signed up: their first steps before Home.
  const [registered, setRegistered] = useState<Account | null>(null);
  // A sign-in waiting for its code survives a reload: the server still holds it (10 minutes).
  useEffect(() => {
    void client.api.session['step-up']
      .$get()
      .then(async (response) => {
        if (response.ok) setStepUp((await response.json()).stepUp);
      })
      .catch(() => undefined);
  }, []);
  const startAgain = () => {
    // The server forgets the pending sign-in too, so a reload does not bring it back.
    void client.api.session['step-up'].$delete().catch(() => undefined);
    setStepUp(null);
  };
  if (registered) {
    const props = { account: registered, onDone: () => onSignedIn(registered) };
    return <Lazy load={loadFirstSteps} props={props} loading={t('loadingPart')} />;
  }
  if (stepUp) return <StepUp stepUp={stepUp} onSignedIn={onSignedIn} onStartAgain={startAgain} />;
  if (recovering) {
    const props = { onSignedIn, onBack: () => setRecovering(false) };
    return <Lazy load={loadRecovery} props={props} loading={t('loadingRecovery')} />;
  }
  return (
    <>
      <h1>{t('welcome')}</h1>
      <p>{t('welcomeText')}</p>
      <SignIn onSignedIn={onSignedIn} onStepUp={setStepUp} />
      <button type="button" class="secondary" onClick={() => setRecovering(true)}>
        {t('lostDevice')}
      </button>
      <Register
        onSignedIn={(account) => (account.role === 'customer' ? setRegistered(account) : onSignedIn(account))}
      />
    </>
  );
}

function Register({ onSignedIn }: { onSignedIn: (account: Account) => void }) {
  const [handle, setHandle] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [phone, setPhone] = useState('');
  const [inviteCode, setInviteCode] = useState('');
  const { busy, error, fields, run } = useAction();

  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () =>
      onSignedIn(
        await createAccount({
          handle,
          displayName,
          ...(phone.trim() ? { phone } : {}),
          ...(inviteCode.trim() ? { inviteCode } : {}),
        }),
      ),
    );
  };

  return (
    <section class="card" aria-labelledby="register-heading">
      <h2 id="register-heading">{t('createAccount')}</h2>
      <form onSubmit={submit} noValidate>
        <Field
          id="handle"
          label={t('handle')}
          hint={t('handleHint')}
          value={handle}
          onInput={setHandle}
          autoComplete="username"
          required
          error={fields.handle}
        />
        <Field
          id="displayName"
          label={t('yourName')}
          hint={t('nameHint')}
          value={displayName}
          onInput={setDisplayName}
          autoComplete="name"
          required
          error={fields.displayName}
        />
        <Field
          id="phone"
          label={t('mobileOptional')}
          hint={t('mobileFormat')}
          type="tel"
          inputMode="tel"
          value={phone}
          onInput={setPhone}
          autoComplete="tel"
          error={fields.phone}
        />
        <details open={inviteCode !== ''}>
          <summary>{t('staffInvite')}</summary>
          <Field
            id="inviteCode"
            label={t('inviteCode')}
            hint={t('inviteHint')}
            value={inviteCode}
            onInput={setInviteCode}
            autoComplete="off"
            error={fields.inviteCode}
          />
        </details>
        <button type="submit" disabled={busy}>
          {busy ? t('creatingPasskey') : t('createWithPasskey')}
        </button>
        <Alert message={error} />
      </form>
    </section>
  );
}
