/** The customer the agent found: who they are and how they can be verified. */
import type { ComponentChildren } from 'preact';
import type { CustomerDetails } from '../../shared/customers.ts';

export function CustomerCard({ customer, children }: { customer: CustomerDetails; children?: ComponentChildren }) {
  return (
    <section class="card" aria-labelledby="customer-heading">
      <h2 id="customer-heading">{customer.displayName}</h2>
      <dl class="facts">
        <dt>Handle</dt>
        <dd>{customer.handle}</dd>
        <dt>Verified phone</dt>
        <dd class="nowrap">{customer.phone ?? 'None verified'}</dd>
        <dt>App</dt>
        <dd>{customer.hasApp ? 'Has the app (a passkey)' : 'No app'}</dd>
        <dt>Reference</dt>
        <dd>{customer.reference ?? 'None set'}</dd>
      </dl>
      {children}
    </section>
  );
}
