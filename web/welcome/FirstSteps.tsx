/**
 * Right after a customer signs up: the mobile number they gave is checked there, with a code sent
 * to it (a number becomes verified only that way), and call alerts are offered on this device.
 * Either step can be left for later (Security and Home have both); nothing here is required.
 */
import { useEffect, useState } from 'preact/hooks';
import { maskPhone } from '../../shared/mask.ts';
import { PushToggle } from '../customer/PushToggle.tsx';
import { t } from '../i18n/en/welcome.ts';
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
      <h1>{t('welcomeName', { name: account.displayName })}</h1>
      <p>{t('ready')}</p>
      <Status message={done} />
      {step === 'phone' && account.phone ? (
        <CheckPhone
          phone={account.phone}
          onVerified={() => {
            setDone(t('phoneVerified', { masked: maskPhone(account.phone ?? '') }));
            setStep('alerts');
          }}
          onSkip={() => setStep('alerts')}
        />
      ) : (
        <>
          <h2>{t('knowCalling')}</h2>
          <p>
            {t('whenCalls')}
            {noAlerts ? t('noAlerts') : t('turnOnHint')}
          </p>
          <PushToggle onUnavailable={() => setNoAlerts(true)} />
          <button type="button" onClick={onDone}>
            {t('continue')}
          </button>
        </>
      )}
    </>
  );
}

/** A text with its `{phone}` in bold. */
function withPhone(text: string, phone: string) {
  const [before, after = ''] = text.split('{phone}');
  return (
    <>
      {before}
      <strong>{phone}</strong>
      {after}
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
      <h2 id="first-phone-heading">{t('checkMobile')}</h2>
      <p>{withPhone(t('codesGoTo'), maskPhone(props.phone))}</p>
      {busy && !sent && <p>{t('sendingCode')}</p>}
      {sent && (
        <VerificationCode
          id="first-phone"
          verification={sent}
          channels={phoneChannels}
          submitLabel={t('verifyPhone')}
          onApproved={async () => props.onVerified()}
          onClosed={(message) => {
            setSent(null);
            setEnded(message);
          }}
          onCanceled={() => {
            setSent(null);
            setEnded(t('codeCancelled'));
          }}
        />
      )}
      <Alert message={error ?? ended} />
      <div class="actions">
        {!sent && !busy && (
          <button type="button" onClick={send}>
            {t('sendNew')}
          </button>
        )}
        <button type="button" class="secondary" onClick={props.onSkip}>
          {t('later')}
        </button>
      </div>
    </section>
  );
}
