/**
 * The customer's out-of-band codes and what they approve: their verified phone, payees,
 * payments, sign-in settings and aggregator consents; and their trusted contacts. Loaded
 * after the home screen (a separate chunk), so the first load stays small.
 */
import { client, unwrap } from '../api.ts';
import { useLoad } from '../ui/load.ts';
import { channelsFor } from '../ui/otp.ts';
import { AddPayee } from './AddPayee.tsx';
import { Aggregators } from './Aggregators.tsx';
import { ApprovePayment } from './ApprovePayment.tsx';
import { type Payee, Payees } from './Payees.tsx';
import { type ContactsAnswer, Phone } from './Phone.tsx';
import { type Payment, RecentPayments } from './RecentPayments.tsx';
import { SignInSettings } from './SignInSettings.tsx';
import { TrustedContacts } from './TrustedContacts.tsx';

export type BankingScreen = 'payments' | 'security';

/** `screen`: which part to show; `onChange`: something the security events show has happened. */
export function Banking({ screen, onChange }: { screen: BankingScreen; onChange: () => void }) {
  const contacts = useLoad<ContactsAnswer>(() => unwrap(client.api.me.contacts.$get()));
  const payees = useLoad<Payee[]>(async () => (await unwrap(client.api.me.payees.$get())).payees);
  const payments = useLoad<Payment[]>(async () => (await unwrap(client.api.me.payments.$get())).payments);
  const channels = contacts.data ? channelsFor(contacts.data.contacts) : null;
  const after = (reload: () => Promise<void>) => async () => {
    await reload();
    onChange();
  };

  if (screen === 'payments') {
    return (
      <>
        <ApprovePayment payees={payees.data} channels={channels} onApproved={after(payments.reload)} />
        <Payees payees={payees} onRemoved={after(payees.reload)} />
        <AddPayee channels={channels} onAdded={after(payees.reload)} />
        <RecentPayments payments={payments} />
      </>
    );
  }
  return (
    <>
      <Phone contacts={contacts} onVerified={after(contacts.reload)} />
      <TrustedContacts verifiedPhone={contacts.data ? contacts.data.contacts.phone : undefined} onChange={onChange} />
      <SignInSettings contacts={contacts.data?.contacts ?? null} />
      <Aggregators />
    </>
  );
}
