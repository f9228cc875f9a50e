/**
 * "Add a payee": name and account number (checked here first, IBAN checksum included), then a code
 * sent to the customer's verified phone or e-mail, whose message names the payee; the code is
 * checked with the same payee, and the payee joins the approved list.
 */
import { useState } from 'preact/hooks';
import { accountEnding } from '../../shared/mask.ts';
import { accountNumberProblem, normalizeAccountNumber, type Transaction } from '../../shared/payee.ts';
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
    if (!name.trim()) problems.name = "Enter the payee's name.";
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
    setStatus(`${payee} is now one of your payees.`);
  };

  return (
    <section class="card" aria-labelledby="add-payee-heading">
      <h2 id="add-payee-heading">Add a payee</h2>
      {channels === null && <p>Loading…</p>}
      {channels?.length === 0 && (
        <p class="warning">
          Verify a phone first (under Security, “Your phone”): we send a code to it to approve each new payee.
        </p>
      )}
      {channels && channels.length > 0 && channel && !pending && (
        <form onSubmit={send} noValidate>
          <Field
            id="payee-name"
            label="Payee's name"
            value={name}
            onInput={setName}
            autoComplete="off"
            required
            error={fields.name ?? fields['transaction.payee.name']}
          />
          <Field
            id="payee-account"
            label="Account number or IBAN"
            hint="An IBAN (like GB82 WEST 1234 5698 7654 32), or the sort code and account number (like 20-00-00 12345678)."
            value={account}
            onInput={setAccount}
            autoComplete="off"
            required
            error={fields.account ?? fields['transaction.payee.account']}
          />
          <ChannelChoice
            name="payee-channel"
            legend="Send the code by"
            channels={channels}
            value={channel}
            onChange={setChosen}
          />
          <button type="submit" disabled={busy}>
            {busy ? 'Sending the code…' : 'Send a code to add this payee'}
          </button>
        </form>
      )}
      {pending && channels && (
        <>
          <p>
            Adding <strong>{pending.transaction.payee.name}</strong>, account ending{' '}
            {accountEnding(pending.transaction.payee.account)}. The message names this payee: check it is the one you
            mean before you type the code.
          </p>
          <VerificationCode
            id="payee"
            verification={pending.verification}
            transaction={pending.transaction}
            channels={channels}
            submitLabel="Add this payee"
            onApproved={added}
            onClosed={(message) => {
              setPending(null);
              setEnded(message);
            }}
            onCanceled={() => {
              setPending(null);
              setStatus('Cancelled. The payee was not added.');
            }}
          />
        </>
      )}
      <Alert message={error ?? ended} />
      <Status message={status} />
    </section>
  );
}
