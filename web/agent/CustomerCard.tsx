/** The customer the agent found: who they are and how they can be verified. */
import type { ComponentChildren } from 'preact';
import type { CustomerDetails } from '../../shared/customers.ts';
import { t } from '../i18n/en/agent.ts';

export function CustomerCard({ customer, children }: { customer: CustomerDetails; children?: ComponentChildren }) {
  return (
    <section class="card" aria-labelledby="customer-heading">
      <h2 id="customer-heading">{customer.displayName}</h2>
      <dl class="facts">
        <dt>{t('handle')}</dt>
        <dd>{customer.handle}</dd>
        <dt>{t('verifiedPhone')}</dt>
        <dd class="nowrap">{customer.phone ?? t('noneVerified')}</dd>
        <dt>{t('app')}</dt>
        <dd>{customer.hasApp ? t('hasApp') : t('noApp')}</dd>
        <dt>{t('reference')}</dt>
        <dd>{customer.reference ?? t('noneSet')}</dd>
      </dl>
      {children}
    </section>
  );
}
