/**
 * "Approve a payment" to an approved payee: with a code whose message names payee and amount, or
 * with the passkey, whose challenge the app derives from the payee and amount shown here and
 * checks before the fingerprint is asked for (PSD2 RTS art. 5, dynamic linking).
 */
import { useState } from 'preact/hooks';
import { amountValid, canonicalAmount, type Transaction } from '../../shared/payee.ts';
import { t } from '../i18n/en/banking.ts';
import { approvePaymentWithPasskey } from '../passkey.ts';
import { Alert, Status } from '../ui/Alert.tsx';
import { ChannelChoice } from '../ui/ChannelChoice.tsx';
import { Field } from '../ui/Field.tsx';
import { accountDisplay, money } from '../ui/money.ts';
import { type Channel, startCode, type VerificationView } from '../ui/otp.ts';
import { useAction } from '../ui/useAction.ts';
import { VerificationCode } from '../ui/VerificationCode.tsx';
import type { Payee } from './Payees.tsx';
import { CurrencySelect, PayeeSelect } from './PaymentChoices.tsx';
import { ScamQuestion } from './ScamQuestion.tsx';

/** A text with its `{payment}` in bold: what is approved stands out, in every language. */
function withStrong(text: string, payment: string) {
  const [before, after = ''] = text.split('{payment}');
  return (
    <>
      {before}
      <strong>{payment}</strong>
      {after}
    </>
  );
}

interface Pending {
  verification: VerificationView;
  transaction: Transaction;
}

/** "£12.50 to J SMITH, account 12345678": the payment exactly as it is approved. */
export const paymentText = (transaction: Transaction) =>
  t('paymentText', {
    amount: transaction.amount ? money(transaction.amount) : '',
    name: transaction.payee.name,
    account: accountDisplay(transaction.payee.account),
  });

export function ApprovePayment(props: {
  payees: Payee[] | null;
  channels: Channel[] | null;
  onApproved: () => Promise<void>;
}) {
  const [payeeId, setPayeeId] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('GBP');
  const [chosen, setChosen] = useState<Channel | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  // The answer to the scam question, for this payee and amount only.
  const [cleared, setCleared] = useState<string | null>(null);
  const { busy, step, error, fields, run, setFields } = useAction<'passkey' | 'code'>();
  const channels = props.channels ?? [];
  const channel = chosen && channels.includes(chosen) ? chosen : (channels[0] ?? null);
  const payee = props.payees?.find((p) => p.id === payeeId) ?? props.payees?.[0] ?? null;
  // What the screen shows is what is approved: the same object feeds the summary, the code and the passkey.
  const shown: Transaction | null =
    payee && amountValid(amount.trim())
      ? {
          payee: { name: payee.name, account: payee.account },
          amount: { value: canonicalAmount(amount.trim()), currency },
        }
      : null;

  const approve = (how: 'passkey' | 'code') => {
    setStatus(null);
    setEnded(null);
    if (!shown) {
      setFields({ amount: t('amountHint') });
      return;
    }
    const transaction = shown;
    void run(async () => {
      if (how === 'code' && channel) {
        setPending({ verification: await startCode({ purpose: 'payment', channel, transaction }), transaction });
        return;
      }
      await approvePaymentWithPasskey(transaction);
      setAmount('');
      await props.onApproved();
      setStatus(t('approvedPasskey', { payment: paymentText(transaction) }));
    }, how);
  };
  const approvedByCode = async () => {
    const transaction = pending?.transaction;
    setPending(null);
    setAmount('');
    await props.onApproved();
    if (transaction) setStatus(t('approvedCode', { payment: paymentText(transaction) }));
  };

  return (
    <section class="card" aria-labelledby="payment-heading">
      <h2 id="payment-heading">{t('approveHeading')}</h2>
      {props.payees === null && <p>{t('loading')}</p>}
      {props.payees?.length === 0 && <p>{t('addPayeeFirst')}</p>}
      {props.payees && payee && !pending && (
        <div>
          <PayeeSelect payees={props.payees} payee={payee} onChange={setPayeeId} />
          <Field
            id="pay-amount"
            label={t('amount')}
            hint={t('amountExample')}
            value={amount}
            onInput={setAmount}
            autoComplete="off"
            inputMode="decimal"
            required
            error={fields.amount ?? fields['transaction.amount.value']}
          />
          <CurrencySelect currency={currency} onChange={setCurrency} />
          {shown && <p class="progress">{t('approving', { payment: paymentText(shown) })}</p>}
          {shown && cleared !== paymentText(shown) && (
            <ScamQuestion
              key={paymentText(shown)}
              transaction={shown}
              onNo={() => setCleared(paymentText(shown))}
              onStopped={() => void props.onApproved()}
            />
          )}
          {shown && cleared === paymentText(shown) && channel && (
            <ChannelChoice
              name="pay-channel"
              legend={t('sendCodeBy')}
              channels={channels}
              value={channel}
              onChange={setChosen}
            />
          )}
          <div class="actions" hidden={shown !== null && cleared !== paymentText(shown)}>
            <button type="button" disabled={busy} onClick={() => approve('passkey')}>
              {step === 'passkey' ? t('waitingPasskey') : t('approvePasskey')}
            </button>
            <button type="button" class="secondary" disabled={busy || !channel} onClick={() => approve('code')}>
              {step === 'code' ? t('sendingCode') : t('approveCode')}
            </button>
          </div>
          {!channel && <p class="hint">{t('verifyPhoneFirst')}</p>}
        </div>
      )}
      {pending && (
        <>
          <p>{withStrong(t('approvingPending'), paymentText(pending.transaction))}</p>
          <VerificationCode
            id="payment"
            verification={pending.verification}
            transaction={pending.transaction}
            channels={channels}
            submitLabel={t('approveThis')}
            onApproved={approvedByCode}
            onClosed={(message) => {
              setPending(null);
              setEnded(message);
            }}
            onCanceled={() => {
              setPending(null);
              setStatus(t('paymentCancelled'));
            }}
          />
        </>
      )}
      <Alert message={error ?? ended} />
      <Status message={status} />
    </section>
  );
}
