/**
 * Right after a customer signs up: the mobile number they gave is checked there, with a code sent
 * to it (a number becomes verified only that way), and call alerts are offered on this device.
 * Either step can be left for later (Security and Home have both); nothing here is required.
 */
import { useEffect, useState } from 'preact/hooks';
import { maskPhone } from '../../shared/mask.ts';
import { PushToggle } from '../customer/PushToggle.tsx';
import type { Account } from '../passkey.ts';
import { Alert, Status } from '../ui/Alert.tsx';
import { type Channel, startCode, type VerificationView } from '../ui/otp.ts';
import { useAction } from '../ui/useAction.ts';
import { VerificationCode } from '../ui/VerificationCode.tsx';

const phoneChannels: Channel[] = ['sms', 'call'];

export function FirstSteps({ account, onDone }: { account: Account; onDone: () => void }) {
  const [step, setStep] = useState<'phone' | 'alerts'>(account.phone ? 'phone' : 'alerts');
  const [done, setDone] = useState<string | null>(null);
  const [noAlerts, setNoAlerts] = useState(false);
  return (
    <>
      <h1>Welcome, {account.displayName}</h1>
      <p>Your account is ready. Two things make it safer, and each takes a moment.</p>
      <Status message={done} />
      {step === 'phone' && account.phone ? (
        <CheckPhone
          phone={account.phone}
          onVerified={() => {
            setDone(`Your phone ${maskPhone(account.phone ?? '')} is verified.`);
            setStep('alerts');
          }}
          onSkip={() => setStep('alerts')}
        />
      ) : (
        <>
          <h2>Know when your bank is really calling</h2>
          <p>
            When someone from your bank calls you, this app shows who is asking, so you can check it is really them.
            {noAlerts
              ? ' This browser cannot show call alerts: when your bank calls, open this app to check who is calling.'
              : ' Turn on call alerts to see it even when the app is closed.'}
          </p>
          <PushToggle onUnavailable={() => setNoAlerts(true)} />
          <button type="button" onClick={onDone}>
            Continue to the app
          </button>
        </>
      )}
    </>
  );
}

function CheckPhone(props: { phone: string; onVerified: () => void; onSkip: () => void }) {
  const [sent, setSent] = useState<VerificationView | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const send = () =>
    void run(async () => setSent(await startCode({ purpose: 'enrol_phone', channel: 'sms', to: props.phone })));
  // The code goes at once: the customer has just typed the number and is holding the phone.
  useEffect(send, []);
  return (
    <section class="card" aria-labelledby="first-phone-heading">
      <h2 id="first-phone-heading">Check your mobile number</h2>
      <p>
        Codes for payees, payments and unusual sign-ins go to <strong>{maskPhone(props.phone)}</strong> once it is
        checked with the code we send to it.
      </p>
      {busy && !sent && <p>Sending the code…</p>}
      {sent && (
        <VerificationCode
          id="first-phone"
          verification={sent}
          channels={phoneChannels}
          submitLabel="Verify my phone"
          onApproved={async () => props.onVerified()}
          onClosed={(message) => {
            setSent(null);
            setEnded(message);
          }}
          onCanceled={() => {
            setSent(null);
            setEnded('Cancelled. The code we sent no longer works.');
          }}
        />
      )}
      <Alert message={error ?? ended} />
      <div class="actions">
        {!sent && !busy && (
          <button type="button" onClick={send}>
            Send a new code
          </button>
        )}
        <button type="button" class="secondary" onClick={props.onSkip}>
          Later: I will do it under Security
        </button>
      </div>
    </section>
  );
}
