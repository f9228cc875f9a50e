/** The payments this customer approved, newest first, and how each was approved. */
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
      <h2 id="payments-heading">Recent payments</h2>
      {list === null && !payments.error && <p>Loading your payments…</p>}
      {list?.length === 0 && <p>No payments yet.</p>}
      {list && list.length > 0 && (
        <ul class="plain">
          {list.slice(0, 20).map((p) => (
            <li key={p.id}>
              <div>
                <div>
                  {money(p.amount)} to {p.payee.name}
                </div>
                <div class="meta">
                  Account {accountDisplay(p.payee.account)} · approved with{' '}
                  {p.method === 'passkey' ? 'your passkey' : 'a code'} · {when(p.approvedAt)}
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
