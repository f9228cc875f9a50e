/** The agent chooses the channel; a one-time code goes to the found customer's verified phone. */
import { useState } from 'preact/hooks';
import type { CustomerDetails } from '../../shared/customers.ts';
import type { VerificationView } from '../../shared/verifications.ts';
import { client, unwrap } from '../api.ts';
import { t } from '../i18n/en/agent.ts';
import { Alert } from '../ui/Alert.tsx';
import { useAction } from '../ui/useAction.ts';

export type FallbackChannel = 'sms' | 'call';

export const channelName = (channel: FallbackChannel) => t(channel === 'sms' ? 'channel_sms' : 'channel_call');

/** Starts the fallback; staff are told plainly when the customer is unknown or has no verified phone. */
export const sendFallbackCode = (customer: string, channel: FallbackChannel): Promise<VerificationView> =>
  // The route may answer a plain Response (a refused send), which widens the client's type to {}:
  // its 201 body is a VerificationView (worker/routes/agent.ts).
  unwrap(client.api.agent['fallback-code'].$post({ json: { customer, channel } })) as Promise<VerificationView>;

interface FallbackStartProps {
  customer: CustomerDetails;
  channel: FallbackChannel;
  onSent: (sent: { channel: FallbackChannel; verification: VerificationView }) => void;
}

export function FallbackStart(props: FallbackStartProps) {
  const [channel, setChannel] = useState<FallbackChannel>(props.channel);
  const send = useAction();

  const submit = (event: Event) => {
    event.preventDefault();
    void send.run(async () => {
      props.onSent({ channel, verification: await sendFallbackCode(props.customer.handle, channel) });
    });
  };

  return (
    <section class="card" aria-labelledby="fallback-start-heading">
      <h2 id="fallback-start-heading">{t('fallbackStartHeading')}</h2>
      <p class="hint">{t('fallbackStartHint', { phone: props.customer.phone ?? t('noPhone') })}</p>
      <form onSubmit={submit} noValidate>
        <fieldset aria-describedby={send.fields.channel ? 'fallback-channel-error' : undefined}>
          <legend>{t('sendItBy')}</legend>
          <label class="choice">
            <input type="radio" name="channel" checked={channel === 'sms'} onChange={() => setChannel('sms')} />
            {t('smsChoice')}
          </label>
          <label class="choice">
            <input type="radio" name="channel" checked={channel === 'call'} onChange={() => setChannel('call')} />
            {t('callChoice')}
          </label>
          {send.fields.channel && (
            <p class="field-error" id="fallback-channel-error">
              {send.fields.channel}
            </p>
          )}
        </fieldset>
        <button type="submit" disabled={send.busy}>
          {send.busy ? t('sendingCode') : t('sendCode')}
        </button>
        <Alert message={send.error} />
      </form>
    </section>
  );
}
