/**
 * "Your phone": the verified phone one-time codes go to. A phone becomes verified only through a
 * code sent to it (`enrol_phone`); the number typed at registration is just a starting point.
 */
import { useState } from 'preact/hooks';
import { maskPhone } from '../../shared/mask.ts';
import { client, unwrap } from '../api.ts';
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
      setFields({ to: 'Enter your mobile number, like +44 7911 123456.' });
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
    setStatus(`Your phone ${masked} is verified. We will send your codes to it.`);
  };

  return (
    <section class="card" aria-labelledby="phone-heading">
      <h2 id="phone-heading">Your phone</h2>
      {contacts.data === null && !contacts.error && <p>Loading your phone…</p>}
      {contacts.data && verified && (
        <p>
          Verified phone: <strong>{maskPhone(verified)}</strong>
        </p>
      )}
      {contacts.data && !verified && (
        <p>
          No verified phone. Add one so that we can send you a code when you add a payee, approve a payment or sign in
          from somewhere new.
        </p>
      )}
      {verified && !showForm && !sent && (
        <button type="button" class="secondary" onClick={() => setChanging(true)}>
          Change your phone
        </button>
      )}
      {showForm && (
        <form onSubmit={send} noValidate>
          <Field
            id="enrol-phone"
            label="Mobile number"
            hint="In international format, like +44 7911 123456. We send a code to it to check it is yours."
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
            legend="Send the code by"
            channels={phoneChannels}
            value={channel}
            onChange={setChannel}
          />
          {verified && (
            <p class="hint">
              To change your phone we ask for your passkey first, and we tell your other devices and your current phone.
            </p>
          )}
          <div class="actions">
            <button type="submit" disabled={busy}>
              {busy ? (verified ? 'Confirm with your passkey…' : 'Sending the code…') : 'Send a code'}
            </button>
            {changing && (
              <button type="button" class="secondary" onClick={() => setChanging(false)}>
                Keep my current phone
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
          submitLabel="Verify my phone"
          onApproved={approved}
          onClosed={(message) => {
            setSent(null);
            setEnded(message);
          }}
          onCanceled={() => {
            setSent(null);
            setStatus('Cancelled. The code we sent no longer works.');
          }}
        />
      )}
      <Alert message={error ?? ended ?? contacts.error} />
      <Status message={status} />
    </section>
  );
}
