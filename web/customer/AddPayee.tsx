/**
 * "Add a payee": name and account number (checked here first, IBAN checksum included), then a code
 * sent to the customer's verified phone or e-mail, whose message names the payee; the code is
 * checked with the same payee, and the payee joins the approved list.
 */
import { useState } from 'preact/hooks';
import { accountEnding } from '../../shared/mask.ts';
import { accountNumberProblem, normalizeAccountNumber, type Transaction } from '../../shared/payee.ts';
import { t } from '../i18n/en/banking.ts';
import { Alert, Status } from '../ui/Alert.tsx';
import { ChannelChoice } from '../ui/ChannelChoice.tsx';
import { Field } from '../ui/Field.tsx';
import { type Channel, startCode, type VerificationView } from '../ui/otp.ts';
import { useAction } from '../ui/useAction.ts';
import { VerificationCode } from '../ui/VerificationCode.tsx';

interface Pending {
  verification: VerificationView;
  transaction: Transaction;
}

/** A text with its `{name}` in bold: the payee stands out, in every language. */
function withName(text: string, name: string) {
  const [before, after = ''] = text.split('{name}');
  return (
    <>
      {before}
      <strong>{name}</strong>
      {after}
    </>
  );
}

export function AddPayee({ channels, onAdded }: { channels: Channel[] | null; onAdded: () => Promise<void> }) {
  const [name, setName] = useState('');
  const [account, setAccount] = useState('');
  const [chosen, setChosen] = useState<Channel | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  const { busy, error, fields, run, setFields } = useAction();
  const channel = chosen && channels?.includes(chosen) ? chosen : (channels?.[0] ?? null);

  const send = (event: Event) => {
    event.preventDefault();
    setStatus(null);
    setEnded(null);
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = t('enterPayeeName');
    const accountProblem = accountNumberProblem(account);
    if (accountProblem) problems.account = accountProblem;
    if (Object.keys(problems).length > 0 || !channel) {
      setFields(problems);
      return;
    }
    const transaction: Transaction = { payee: { name: name.trim(), account: normalizeAccountNumber(account) } };
    void run(async () => {
      const verification = await startCode({ purpose: 'add_payee', channel, transaction });
      setPending({ verification, transaction });
    });
  };
  const added = async () => {
    const payee = pending?.transaction.payee.name ?? '';
    setPending(null);
    setName('');
    setAccount('');
    await onAdded();
    setStatus(t('payeeAdded', { name: payee }));
  };

  return (
    <section class="card" aria-labelledby="add-payee-heading">
      <h2 id="add-payee-heading">{t('addPayeeHeading')}</h2>
      {channels === null && <p>{t('loading')}</p>}
      {channels?.length === 0 && <p class="warning">{t('verifyPhoneForPayee')}</p>}
      {channels && channels.length > 0 && channel && !pending && (
        <form onSubmit={send} noValidate>
          <Field
            id="payee-name"
            label={t('payeeName')}
            value={name}
            onInput={setName}
            autoComplete="off"
            required
            error={fields.name ?? fields['transaction.payee.name']}
          />
          <Field
            id="payee-account"
            label={t('accountOrIban')}
            hint={t('accountHint')}
            value={account}
            onInput={setAccount}
            autoComplete="off"
            required
            error={fields.account ?? fields['transaction.payee.account']}
          />
          <ChannelChoice
            name="payee-channel"
            legend={t('sendTheCodeBy')}
            channels={channels}
            value={channel}
            onChange={setChosen}
          />
          <button type="submit" disabled={busy}>
            {busy ? t('sendingCode') : t('sendCodeToAdd')}
          </button>
        </form>
      )}
      {pending && channels && (
        <>
          <p>
            {withName(
              t('adding', { ending: accountEnding(pending.transaction.payee.account) }),
              pending.transaction.payee.name,
            )}
          </p>
          <VerificationCode
            id="payee"
            verification={pending.verification}
            transaction={pending.transaction}
            channels={channels}
            submitLabel={t('addThisPayee')}
            onApproved={added}
            onClosed={(message) => {
              setPending(null);
              setEnded(message);
            }}
            onCanceled={() => {
              setPending(null);
              setStatus(t('payeeCancelled'));
            }}
          />
        </>
      )}
      <Alert message={error ?? ended} />
      <Status message={status} />
    </section>
  );
}
