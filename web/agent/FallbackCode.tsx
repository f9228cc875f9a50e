/**
 * The agent's fallback for a customer without the app: a one-time code to their registered phone,
 * which they read back on the call; the agent checks it here.
 */
import { useState } from 'preact/hooks';
import type { CustomerDetails } from '../../shared/customers.ts';
import type { VerificationStatus, VerificationView } from '../../shared/verifications.ts';
import { ApiError, client, unwrap } from '../api.ts';
import { Alert } from '../ui/Alert.tsx';
import { CallStatus, ExpiresIn, ScreenHeading, type Tone } from '../ui/CallStatus.tsx';
import { CodeForm } from '../ui/codes.tsx';
import { useAction } from '../ui/useAction.ts';
import { channelName, type FallbackChannel, FallbackStart, sendFallbackCode } from './FallbackStart.tsx';

type Outcome = 'pending' | 'approved' | 'failed' | 'expired' | 'closed';

interface Sent {
  channel: FallbackChannel;
  verification: VerificationView;
  attemptsLeft: number;
  outcome: Outcome;
}

const outcomeOf = (status: VerificationStatus): Outcome =>
  status === 'max_attempts_reached' ? 'failed' : status === 'canceled' ? 'closed' : status;

function progress(sent: Sent): { tone: Tone; text: string } {
  const where = `${sent.verification.to} by ${channelName(sent.channel)}`;
  switch (sent.outcome) {
    case 'pending':
      return {
        tone: 'progress',
        text: `We sent a code to ${where}. Ask them to read it to you.`,
      };
    case 'approved':
      return { tone: 'ok', text: `Verified by one-time code: the customer read back the code sent to ${where}.` };
    case 'failed':
      return {
        tone: 'bad',
        text: 'Not verified: the code was wrong too many times. Do not discuss the account on this call.',
      };
    case 'expired':
      return { tone: 'bad', text: 'Not verified: the code expired before it was checked.' };
    case 'closed':
      return { tone: 'bad', text: 'Not verified: this code can no longer be checked.' };
  }
}

export function FallbackCode({ customer, onClose }: { customer: CustomerDetails; onClose: () => void }) {
  const [sent, setSent] = useState<Sent | null>(null);
  const { busy, error, run } = useAction<'resend' | 'new'>();

  const checkCode = async (code: string) => {
    if (!sent) return null;
    const id = sent.verification.id;
    try {
      const checked = await unwrap(client.api.v1.verifications[':id'].check.$post({ param: { id }, json: { code } }));
      setSent({ ...sent, attemptsLeft: checked.attempts_left, outcome: outcomeOf(checked.status) });
      return checked.status === 'pending' ? { triesLeft: checked.attempts_left } : null;
    } catch (e) {
      // It ended meanwhile (expired and cleared, or checked elsewhere): say so instead of a raw error.
      if (e instanceof ApiError && (e.code === 'verification_closed' || e.code === 'verification_not_found')) {
        setSent({ ...sent, outcome: 'closed' });
        return null;
      }
      throw e;
    }
  };
  const resend = () =>
    run(async () => {
      if (!sent) return;
      const id = sent.verification.id;
      const verification = await unwrap(client.api.v1.verifications[':id'].resend.$post({ param: { id }, json: {} }));
      setSent({ ...sent, verification });
    }, 'resend');
  const sendNew = () =>
    run(async () => {
      if (!sent) return;
      const verification = await sendFallbackCode(customer.handle, sent.channel);
      setSent({ ...sent, verification, attemptsLeft: verification.attempts_left, outcome: 'pending' });
    }, 'new');

  return (
    <>
      <ScreenHeading>One-time code by phone</ScreenHeading>
      {!sent && (
        <FallbackStart
          customer={customer}
          channel="sms"
          onSent={(s) => setSent({ ...s, attemptsLeft: s.verification.attempts_left, outcome: 'pending' })}
        />
      )}
      {sent && (
        <section class="card" aria-labelledby="fallback-facts-heading">
          <h2 id="fallback-facts-heading">The code</h2>
          <dl class="facts">
            <dt>Customer</dt>
            <dd>
              {customer.displayName} ({customer.handle})
            </dd>
            <dt>Sent to</dt>
            <dd>
              {sent.verification.to}, by {channelName(sent.channel)}
            </dd>
            {sent.outcome === 'pending' && (
              <>
                <dt>Expires in</dt>
                <dd>
                  <ExpiresIn at={Date.parse(sent.verification.expires_at)} />
                </dd>
              </>
            )}
          </dl>
        </section>
      )}
      {sent && <CallStatus {...progress(sent)} />}
      {sent?.outcome === 'pending' && (
        <section class="card" aria-labelledby="fallback-check-heading">
          <h2 id="fallback-check-heading">Check the code</h2>
          <CodeForm
            id="fallback-code"
            label="The code the customer reads back"
            triesLeft={sent.attemptsLeft}
            submitLabel="Check the code"
            onCheck={checkCode}
          />
          <p class="hint">Nothing arrived? Wait half a minute before sending it again.</p>
          <button type="button" class="secondary" disabled={busy} onClick={() => void resend()}>
            {busy ? 'Sending…' : 'Send the code again'}
          </button>
        </section>
      )}
      <Alert message={error} />
      <div class="actions">
        {sent && sent.outcome !== 'pending' && sent.outcome !== 'approved' && (
          <button type="button" disabled={busy} onClick={() => void sendNew()}>
            {busy ? 'Sending…' : 'Send a new code'}
          </button>
        )}
        <button type="button" class={sent?.outcome === 'approved' ? undefined : 'secondary'} onClick={onClose}>
          Back to the console
        </button>
      </div>
    </>
  );
}
