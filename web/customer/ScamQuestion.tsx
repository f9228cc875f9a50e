/**
 * Asked before every payment is approved: "Has anyone asked you to make this payment or told you
 * what to say?" A "yes" stops it, with advice, and the stop is recorded (POST
 * /api/me/payments/stopped); a "no" lets the customer approve.
 */
import { useState } from 'preact/hooks';
import type { Transaction } from '../../shared/payee.ts';
import { client, messageOf, unwrap } from '../api.ts';
import { t } from '../i18n/en/banking.ts';
import { Alert } from '../ui/Alert.tsx';
import { CallBank } from '../ui/CallBank.tsx';
import { StateIcon } from '../ui/StateIcon.tsx';

export function ScamQuestion(props: { transaction: Transaction | null; onNo: () => void; onStopped: () => void }) {
  const [stopped, setStopped] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const yes = async () => {
    setStopped(true);
    setError(null);
    if (!props.transaction) return;
    try {
      await unwrap(client.api.me.payments.stopped.$post({ json: { transaction: props.transaction } }));
      props.onStopped();
    } catch (e) {
      setError(t('stoppedNotTold', { reason: messageOf(e) }));
    }
  };
  if (stopped) {
    return (
      <div class="stop" role="alert">
        <StateIcon kind="danger" size={32} />
        <div>
          <p>
            <strong>{t('stopNotMade')}</strong>
          </p>
          <p>{t('scamAdvice')}</p>
          <p>
            <CallBank label={(bank) => t('callBankOn', { phone: bank.bankPhone })} />
          </p>
          <Alert message={error} />
        </div>
      </div>
    );
  }
  return (
    <fieldset class="scam-question">
      <legend>{t('scamQuestion')}</legend>
      <div class="actions">
        <button type="button" class="secondary" onClick={() => void yes()}>
          {t('yesAsked')}
        </button>
        <button type="button" class="secondary" onClick={props.onNo}>
          {t('noAsked')}
        </button>
      </div>
    </fieldset>
  );
}
