/**
 * The customer's home: whether the bank is calling, a recovery of the account or a contact's request
 * for help (issue 5), their account, phone, payees and payments, trusted contacts, sign-in
 * settings, passkeys and recent security events.
 */
import { useState } from 'preact/hooks';
import type { Account } from '../passkey.ts';
import { Lazy } from '../ui/Lazy.tsx';
import { Passkeys } from '../ui/Passkeys.tsx';
import { SecurityEvents } from '../ui/SecurityEvents.tsx';
import { when } from '../ui/time.ts';
import { BankingLoader } from './BankingLoader.tsx';
import { CallCard } from './CallCard.tsx';
import { CustomerCall } from './CustomerCall.tsx';
import { PushToggle } from './PushToggle.tsx';

// Its own chunk: most customers never see these cards, and the first load stays small.
const loadRecoveryAlerts = () => import('./RecoveryAlerts.tsx').then((m) => m.RecoveryAlerts);

export function CustomerHome({ account }: { account: Account }) {
  const [refresh, setRefresh] = useState(0);
  const [openCall, setOpenCall] = useState<string | null>(null);
  const [securityNotice, setSecurityNotice] = useState<string | null>(null);
  const changed = () => setRefresh((n) => n + 1);
  if (openCall) return <CustomerCall id={openCall} onClose={() => setOpenCall(null)} />;
  return (
    <>
      <h1>Hello, {account.displayName}</h1>
      {securityNotice && (
        <div class="card" role="alert">
          <p class="warning">
            {securityNotice} If this was not you, call us on the number on your card and check your passkeys below.
          </p>
          <button type="button" class="secondary" onClick={() => setSecurityNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      <CallCard
        onOpen={setOpenCall}
        onSecurity={(what) => {
          setSecurityNotice(what);
          changed();
        }}
      />
      <Lazy load={loadRecoveryAlerts} props={{ onChange: changed }} loading={null} />
      <section class="card" aria-labelledby="account-heading">
        <h2 id="account-heading">Your account</h2>
        <dl class="facts">
          <dt>Handle</dt>
          <dd>{account.handle}</dd>
          <dt>Mobile</dt>
          <dd>{account.phone ?? 'Not given'}</dd>
          <dt>Member since</dt>
          <dd>{when(account.createdAt)}</dd>
        </dl>
      </section>
      <BankingLoader onChange={changed} />
      <PushToggle />
      <Passkeys onChange={changed} />
      <SecurityEvents refresh={refresh} />
    </>
  );
}
