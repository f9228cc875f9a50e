/**
 * The customer's out-of-band codes and what they approve (issue 4): their verified phone, payees,
 * payments, sign-in settings and aggregator consents; and their trusted contacts (issue 5). Loaded
 * after the home screen (a separate chunk), so the first load stays small.
 */
import { client, unwrap } from '../api';
import { useLoad } from '../ui/load';
import { channelsFor } from '../ui/otp';
import { AddPayee } from './AddPayee';
import { Aggregators } from './Aggregators';
import { ApprovePayment } from './ApprovePayment';
import { type Payee, Payees } from './Payees';
import { type ContactsAnswer, Phone } from './Phone';
import { type Payment, RecentPayments } from './RecentPayments';
import { SignInSettings } from './SignInSettings';
import { TrustedContacts } from './TrustedContacts';

/** `onChange`: something the security events show has happened. */
export function Banking({ onChange }: { onChange: () => void }) {
  const contacts = useLoad<ContactsAnswer>(() => unwrap(client.api.me.contacts.$get()));
  const payees = useLoad<Payee[]>(async () => (await unwrap(client.api.me.payees.$get())).payees);
  const payments = useLoad<Payment[]>(async () => (await unwrap(client.api.me.payments.$get())).payments);
  const channels = contacts.data ? channelsFor(contacts.data.contacts) : null;
  const after = (reload: () => Promise<void>) => async () => {
    await reload();
    onChange();
  };

  return (
    <>
      <Phone contacts={contacts} onVerified={after(contacts.reload)} />
      <Payees payees={payees} onRemoved={after(payees.reload)} />
      <AddPayee channels={channels} onAdded={after(payees.reload)} />
      <ApprovePayment payees={payees.data} channels={channels} onApproved={after(payments.reload)} />
      <RecentPayments payments={payments} />
      <TrustedContacts verifiedPhone={contacts.data ? contacts.data.contacts.phone : undefined} onChange={onChange} />
      <SignInSettings contacts={contacts.data?.contacts ?? null} />
      <Aggregators />
    </>
  );
}
