/** The payments this customer approved, newest first, and how each was approved. */

import { t } from '../i18n/en/banking.ts';
import type { Loaded } from '../ui/load.ts';
import { accountDisplay, money } from '../ui/money.ts';
import { when } from '../ui/time.ts';

export interface Payment {
  id: string;
  payee: { name: string; account: string };
  amount: { value: string; currency: string };
  method: 'code' | 'passkey';
  approvedAt: number;
}

export function RecentPayments({ payments }: { payments: Loaded<Payment[]> }) {
  const list = payments.data;
  return (
    <section class="card" aria-labelledby="payments-heading">
      <h2 id="payments-heading">{t('recentHeading')}</h2>
      {list === null && !payments.error && <p>{t('loadingPayments')}</p>}
      {list?.length === 0 && <p>{t('noPayments')}</p>}
      {list && list.length > 0 && (
        <ul class="plain">
          {list.slice(0, 20).map((p) => (
            <li key={p.id}>
              <div>
                <div>{t('paymentTo', { amount: money(p.amount), name: p.payee.name })}</div>
                <div class="meta">
                  {t(p.method === 'passkey' ? 'paymentMetaPasskey' : 'paymentMetaCode', {
                    account: accountDisplay(p.payee.account),
                    when: when(p.approvedAt),
                  })}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      {payments.error && <p class="alert">{payments.error}</p>}
    </section>
  );
}
