/**
 * "Your phone": the verified phone one-time codes go to. A phone becomes verified only through a
 * code sent to it (`enrol_phone`); the number typed at registration is just a starting point.
 */
import { useState } from 'preact/hooks';
import { maskPhone } from '../../shared/mask.ts';
import { client, unwrap } from '../api.ts';
import { t } from '../i18n/en/banking.ts';
import { Alert, Status } from '../ui/Alert.tsx';
import { ChannelChoice } from '../ui/ChannelChoice.tsx';
import { Field } from '../ui/Field.tsx';
import type { Loaded } from '../ui/load.ts';
import { type Channel, startCode, type VerificationView } from '../ui/otp.ts';
import { useAction } from '../ui/useAction.ts';
import { VerificationCode } from '../ui/VerificationCode.tsx';
import { protectionAssertion } from './fresh-passkey.ts';

export interface ContactsAnswer {
  contacts: { phone: string | null; email: string | null };
  registeredPhone: string | null;
}

const phoneChannels: Channel[] = ['sms', 'call'];

export function Phone({ contacts, onVerified }: { contacts: Loaded<ContactsAnswer>; onVerified: () => Promise<void> }) {
  const [typed, setTyped] = useState<string | null>(null);
  const [channel, setChannel] = useState<Channel>('sms');
  const [changing, setChanging] = useState(false);
  const [sent, setSent] = useState<VerificationView | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  const { busy, error, fields, run, setFields } = useAction();

  const verified = contacts.data?.contacts.phone ?? null;
  const phone = typed ?? contacts.data?.registeredPhone ?? '';
  const showForm = contacts.data !== null && sent === null && (changing || verified === null);

  const send = (event: Event) => {
    event.preventDefault();
    setStatus(null);
    setEnded(null);
    if (!phone.trim()) {
      setFields({ to: t('enterPhone') });
      return;
    }
    void run(async () => {
      if (verified) {
        // Replacing a verified phone changes how the account is protected: the passkey confirms it first.
        const assertion = await protectionAssertion('contact');
        await unwrap(
          client.api.me.contacts.authorize.$post({ json: assertion as { ceremonyId: string; credential: never } }),
        );
      }
      setSent(await startCode({ purpose: 'enrol_phone', channel, to: phone.trim() }));
    });
  };
  const approved = async () => {
    const masked = sent?.to ?? '';
    setSent(null);
    setChanging(false);
    setTyped(null);
    await onVerified();
    setStatus(t('phoneVerified', { masked }));
  };

  return (
    <section class="card" aria-labelledby="phone-heading">
      <h2 id="phone-heading">{t('phoneHeading')}</h2>
      {contacts.data === null && !contacts.error && <p>{t('loadingPhone')}</p>}
      {contacts.data && verified && (
        <p>
          {t('verifiedPhone')}
          <strong>{maskPhone(verified)}</strong>
        </p>
      )}
      {contacts.data && !verified && <p>{t('noPhone')}</p>}
      {verified && !showForm && !sent && (
        <button type="button" class="secondary" onClick={() => setChanging(true)}>
          {t('changePhone')}
        </button>
      )}
      {showForm && (
        <form onSubmit={send} noValidate>
          <Field
            id="enrol-phone"
            label={t('mobileNumber')}
            hint={t('mobileHint')}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            value={phone}
            onInput={setTyped}
            required
            error={fields.to}
          />
          <ChannelChoice
            name="enrol-channel"
            legend={t('sendTheCodeBy')}
            channels={phoneChannels}
            value={channel}
            onChange={setChannel}
          />
          {verified && <p class="hint">{t('changePhoneHint')}</p>}
          <div class="actions">
            <button type="submit" disabled={busy}>
              {busy ? (verified ? t('confirmPasskey') : t('sendingCode')) : t('sendCode')}
            </button>
            {changing && (
              <button type="button" class="secondary" onClick={() => setChanging(false)}>
                {t('keepPhone')}
              </button>
            )}
          </div>
        </form>
      )}
      {sent && (
        <VerificationCode
          id="enrol"
          verification={sent}
          channels={phoneChannels}
          submitLabel={t('verifyPhone')}
          onApproved={approved}
          onClosed={(message) => {
            setSent(null);
            setEnded(message);
          }}
          onCanceled={() => {
            setSent(null);
            setStatus(t('codeCancelled'));
          }}
        />
      )}
      <Alert message={error ?? ended ?? contacts.error} />
      <Status message={status} />
    </section>
  );
}
