/** The account's passkeys: list, add another, remove one (never the last). */
import { useEffect, useState } from 'preact/hooks';
import type { PasskeyView } from '../../worker/core/account-rules.ts';
import { client, messageOf, unwrap } from '../api.ts';
import { addPasskey } from '../passkey.ts';
import { Alert, Status } from './Alert.tsx';
import { when } from './time.ts';

export function Passkeys({ onChange }: { onChange?: () => void }) {
  const [passkeys, setPasskeys] = useState<PasskeyView[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const load = async () => {
    try {
      setPasskeys((await unwrap(client.api.me.passkeys.$get())).passkeys);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      setStatus(await action());
      await load();
      onChange?.();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const add = () =>
    run(async () => {
      const { passkey } = await addPasskey();
      return `Passkey added: ${passkey.name}.`;
    });
  const remove = (p: PasskeyView) =>
    run(async () => {
      await unwrap(client.api.me.passkeys[':id'].$delete({ param: { id: p.id } }));
      return `Passkey removed: ${p.name}.`;
    });

  return (
    <section class="card" aria-labelledby="passkeys-heading">
      <h2 id="passkeys-heading">Your passkeys</h2>
      <p class="hint">A passkey lets this device's fingerprint or face unlock stand for you.</p>
      {passkeys === null && !error && <p>Loading passkeys…</p>}
      {passkeys && (
        <ul class="plain">
          {passkeys.map((p) => (
            <li key={p.id}>
              <div>
                <div>{p.name}</div>
                <div class="meta">
                  Added {when(p.createdAt)}
                  {p.lastUsedAt ? ` · last used ${when(p.lastUsedAt)}` : ' · not used yet'}
                  {p.backedUp ? ' · synced' : ''}
                </div>
              </div>
              {passkeys.length > 1 && (
                <button type="button" class="danger" disabled={busy} onClick={() => remove(p)}>
                  Remove<span class="sr-only"> {p.name}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {passkeys && passkeys.length === 1 && (
        <p class="hint">This is your only passkey, so it cannot be removed. Add another one first.</p>
      )}
      <button type="button" class="secondary" disabled={busy} onClick={add}>
        {busy ? 'Working…' : 'Add a passkey'}
      </button>
      <Alert message={error} />
      <Status message={status} />
    </section>
  );
}
