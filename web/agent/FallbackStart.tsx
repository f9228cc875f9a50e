/** The agent chooses the channel; a one-time code goes to the found customer's verified phone. */
import { useState } from 'preact/hooks';
import type { CustomerDetails } from '../../shared/customers.ts';
import type { VerificationView } from '../../shared/verifications.ts';
import { client, unwrap } from '../api.ts';
import { Alert } from '../ui/Alert.tsx';
import { useAction } from '../ui/useAction.ts';

export type FallbackChannel = 'sms' | 'call';

export const channelName = (channel: FallbackChannel) => (channel === 'sms' ? 'text message' : 'voice call');

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
      <h2 id="fallback-start-heading">Send the customer a one-time code</h2>
      <p class="hint">
        For a customer who cannot use the app. The code goes only to the phone verified on their account (
        {props.customer.phone ?? 'none'}), never to a number given on the call. They read it back to you.
      </p>
      <form onSubmit={submit} noValidate>
        <fieldset aria-describedby={send.fields.channel ? 'fallback-channel-error' : undefined}>
          <legend>Send it by</legend>
          <label class="choice">
            <input type="radio" name="channel" checked={channel === 'sms'} onChange={() => setChannel('sms')} />
            Text message (SMS)
          </label>
          <label class="choice">
            <input type="radio" name="channel" checked={channel === 'call'} onChange={() => setChannel('call')} />
            Voice call (the code is read out)
          </label>
          {send.fields.channel && (
            <p class="field-error" id="fallback-channel-error">
              {send.fields.channel}
            </p>
          )}
        </fieldset>
        <button type="submit" disabled={send.busy}>
          {send.busy ? 'Sending the code…' : 'Send the code'}
        </button>
        <Alert message={send.error} />
      </form>
    </section>
  );
}
