/** "Your payees": the approved list payments can go to; each payee can be removed. */
import { useState } from 'preact/hooks';
import { client, unwrap } from '../api.ts';
import { t } from '../i18n/en/banking.ts';
import { Alert, Status } from '../ui/Alert.tsx';
import type { Loaded } from '../ui/load.ts';
import { accountDisplay } from '../ui/money.ts';
import { when } from '../ui/time.ts';
import { useAction } from '../ui/useAction.ts';

export interface Payee {
  id: string;
  name: string;
  account: string;
  addedAt: number;
}

export function Payees({ payees, onRemoved }: { payees: Loaded<Payee[]>; onRemoved: () => Promise<void> }) {
  const { busy, error, run } = useAction();
  const [status, setStatus] = useState<string | null>(null);

  const remove = (payee: Payee) =>
    run(async () => {
      setStatus(null);
      await unwrap(client.api.me.payees[':id'].$delete({ param: { id: payee.id } }));
      await onRemoved();
      setStatus(t('payeeRemoved', { name: payee.name }));
    });

  const list = payees.data;
  return (
    <section class="card" aria-labelledby="payees-heading">
      <h2 id="payees-heading">{t('payeesHeading')}</h2>
      <p class="hint">{t('payeesHint')}</p>
      {list === null && !payees.error && <p>{t('loadingPayees')}</p>}
      {list?.length === 0 && <p>{t('noPayees')}</p>}
      {list && list.length > 0 && (
        <ul class="plain">
          {list.map((p) => (
            <li key={p.id}>
              <div>
                <div>{p.name}</div>
                <div class="meta">{t('payeeMeta', { account: accountDisplay(p.account), when: when(p.addedAt) })}</div>
              </div>
              <button type="button" class="danger" disabled={busy} onClick={() => void remove(p)}>
                {t('remove')}
                <span class="sr-only"> {p.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <Alert message={error ?? payees.error} />
      <Status message={status} />
    </section>
  );
}
