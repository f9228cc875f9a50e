/**
 * The agent's fallback for a customer without the app: a one-time code to their registered phone,
 * which they read back on the call; the agent checks it here.
 */
import { useState } from 'preact/hooks';
import type { CustomerDetails } from '../../shared/customers.ts';
import type { VerificationStatus, VerificationView } from '../../shared/verifications.ts';
import { ApiError, client, unwrap } from '../api.ts';
import { t } from '../i18n/en/agent.ts';
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
  const where = { to: sent.verification.to, channel: channelName(sent.channel) };
  switch (sent.outcome) {
    case 'pending':
      return { tone: 'progress', text: t('fallbackSent', where) };
    case 'approved':
      return { tone: 'ok', text: t('fallbackApproved', where) };
    case 'failed':
      return { tone: 'bad', text: t('fallbackFailed') };
    case 'expired':
      return { tone: 'bad', text: t('fallbackExpired') };
    case 'closed':
      return { tone: 'bad', text: t('fallbackClosed') };
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
      <ScreenHeading>{t('fallbackHeading')}</ScreenHeading>
      {!sent && (
        <FallbackStart
          customer={customer}
          channel="sms"
          onSent={(s) => setSent({ ...s, attemptsLeft: s.verification.attempts_left, outcome: 'pending' })}
        />
      )}
      {sent && (
        <section class="card" aria-labelledby="fallback-facts-heading">
          <h2 id="fallback-facts-heading">{t('theCode')}</h2>
          <dl class="facts">
            <dt>{t('customer')}</dt>
            <dd>
              {customer.displayName} ({customer.handle})
            </dd>
            <dt>{t('sentTo')}</dt>
            <dd>{t('sentToValue', { to: sent.verification.to, channel: channelName(sent.channel) })}</dd>
            {sent.outcome === 'pending' && (
              <>
                <dt>{t('expiresIn')}</dt>
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
          <h2 id="fallback-check-heading">{t('checkTheCode')}</h2>
          <CodeForm
            id="fallback-code"
            label={t('customerReadsBack')}
            triesLeft={sent.attemptsLeft}
            submitLabel={t('checkTheCode')}
            onCheck={checkCode}
          />
          <p class="hint">{t('nothingArrived')}</p>
          <button type="button" class="secondary" disabled={busy} onClick={() => void resend()}>
            {busy ? t('sending') : t('sendAgain')}
          </button>
        </section>
      )}
      <Alert message={error} />
      <div class="actions">
        {sent && sent.outcome !== 'pending' && sent.outcome !== 'approved' && (
          <button type="button" disabled={busy} onClick={() => void sendNew()}>
            {busy ? t('sending') : t('sendNew')}
          </button>
        )}
        <button type="button" class={sent?.outcome === 'approved' ? undefined : 'secondary'} onClick={onClose}>
          {t('backToConsole')}
        </button>
      </div>
    </>
  );
}
