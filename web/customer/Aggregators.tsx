/**
 * Aggregators (budgeting and account-overview services with an `aggregator` API key): they read
 * nothing of this account until the holder allows them here, one by one; revocable at any time.
 */
import { useState } from 'preact/hooks';
import { client, unwrap } from '../api.ts';
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
      setStatus(
        allowed
          ? `${a.name} can now read your payees and payments.`
          : `${a.name} can no longer read anything of your account.`,
      );
    });

  const list = aggregators.data;
  return (
    <section class="card" aria-labelledby="aggregators-heading">
      <h2 id="aggregators-heading">Apps that read your account</h2>
      <p class="hint">
        Some services, such as budgeting apps, ask the bank to read your payees and payments. They see nothing unless
        you allow them here, one by one, and you can take that back at any time. Allowing one never lets it move money.
      </p>
      {list === null && !aggregators.error && <p>Loading…</p>}
      {list?.length === 0 && <p>No such services are registered with the bank, so none can read your account.</p>}
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
                Allow {a.name} to read your payees and payments
              </label>
              <span class="meta">{a.allowed && a.allowedAt ? `Allowed ${when(a.allowedAt)}` : 'Blocked'}</span>
            </li>
          ))}
        </ul>
      )}
      <Alert message={error ?? aggregators.error} />
      <Status message={status} />
    </section>
  );
}
