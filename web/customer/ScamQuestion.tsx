/**
 * Asked before every payment is approved: "Has anyone asked you to make this payment or told you
 * what to say?" A "yes" stops it, with advice, and the stop is recorded (POST
 * /api/me/payments/stopped); a "no" lets the customer approve.
 */
import { useState } from 'preact/hooks';
import type { Transaction } from '../../shared/payee.ts';
import { client, messageOf, unwrap } from '../api.ts';
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
      setError(`The payment is stopped, but we could not tell the bank: ${messageOf(e)}`);
    }
  };
  if (stopped) {
    return (
      <div class="stop" role="alert">
        <StateIcon kind="danger" size={32} />
        <div>
          <p>
            <strong>Stop: this payment has not been made.</strong>
          </p>
          <p>
            Someone asking you to pay, or telling you what to say, is how scams work. If you are on a call about it,
            hang up now. Call your bank on its real number; nobody genuine will mind.
          </p>
          <p>
            <CallBank label={(bank) => `Call the bank on ${bank.bankPhone}`} />
          </p>
          <Alert message={error} />
        </div>
      </div>
    );
  }
  return (
    <fieldset class="scam-question">
      <legend>Has anyone asked you to make this payment or told you what to say?</legend>
      <div class="actions">
        <button type="button" class="secondary" onClick={() => void yes()}>
          Yes, someone asked me
        </button>
        <button type="button" class="secondary" onClick={props.onNo}>
          No, nobody asked me
        </button>
      </div>
    </fieldset>
  );
}
