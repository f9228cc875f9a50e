/** The customer's home: their real account, their passkeys and their recent security events. */
import { useState } from 'preact/hooks';
import type { Account } from '../passkey';
import { Passkeys } from '../ui/Passkeys';
import { SecurityEvents } from '../ui/SecurityEvents';
import { when } from '../ui/time';

export function CustomerHome({ account }: { account: Account }) {
  const [refresh, setRefresh] = useState(0);
  return (
    <>
      <h1>Hello, {account.displayName}</h1>
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
      <Passkeys onChange={() => setRefresh((n) => n + 1)} />
      <SecurityEvents refresh={refresh} />
    </>
  );
}
