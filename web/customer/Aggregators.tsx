/**
 * Aggregators (budgeting and account-overview services with an `aggregator` API key): they read
 * nothing of this account until the holder allows them here, one by one; revocable at any time.
 */
import { useState } from 'preact/hooks';
import { client, unwrap } from '../api.ts';
import { t } from '../i18n/en/banking.ts';
import { Alert, Status } from '../ui/Alert.tsx';
import { useLoad } from '../ui/load.ts';
import { when } from '../ui/time.ts';
import { useAction } from '../ui/useAction.ts';

interface Aggregator {
  id: string;
  name: string;
  allowed: boolean;
  allowedAt: number | null;
}

export function Aggregators() {
  const aggregators = useLoad<Aggregator[]>(async () => (await unwrap(client.api.me.aggregators.$get())).aggregators);
  const { busy, error, run } = useAction();
  const [status, setStatus] = useState<string | null>(null);
  // The box shows the choice at once; it goes back if the server did not take it.
  const [choosing, setChoosing] = useState<Record<string, boolean>>({});

  const toggle = (a: Aggregator, allowed: boolean) =>
    run(async () => {
      setStatus(null);
      setChoosing({ [a.id]: allowed });
      try {
        await unwrap(client.api.me.aggregators[':id'].$put({ param: { id: a.id }, json: { allowed } }));
        await aggregators.reload();
      } finally {
        setChoosing({});
      }
      setStatus(t(allowed ? 'aggAllowed' : 'aggRevoked', { name: a.name }));
    });

  const list = aggregators.data;
  return (
    <section class="card" aria-labelledby="aggregators-heading">
      <h2 id="aggregators-heading">{t('aggHeading')}</h2>
      <p class="hint">{t('aggHint')}</p>
      {list === null && !aggregators.error && <p>{t('loading')}</p>}
      {list?.length === 0 && <p>{t('aggNone')}</p>}
      {list && list.length > 0 && (
        <ul class="plain">
          {list.map((a) => (
            <li key={a.id}>
              <label class="choice">
                <input
                  type="checkbox"
                  checked={choosing[a.id] ?? a.allowed}
                  disabled={busy}
                  onChange={(e) => void toggle(a, (e.target as HTMLInputElement).checked)}
                />
                {t('aggAllow', { name: a.name })}
              </label>
              <span class="meta">
                {a.allowed && a.allowedAt ? t('aggAllowedAt', { when: when(a.allowedAt) }) : t('aggBlocked')}
              </span>
            </li>
          ))}
        </ul>
      )}
      <Alert message={error ?? aggregators.error} />
      <Status message={status} />
    </section>
  );
}
