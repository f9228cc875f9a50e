/** The account's passkeys: list, add another, remove one (never the last). */
import { useEffect, useState } from 'preact/hooks';
import type { PasskeyView } from '../../shared/account.ts';
import { client, messageOf, unwrap } from '../api.ts';
import { protectionAssertion } from '../customer/fresh-passkey.ts';
import { addPasskey } from '../passkey.ts';
import { Alert, Status } from './Alert.tsx';
import { when } from './time.ts';

export function Passkeys({ onChange }: { onChange?: () => void }) {
  const [passkeys, setPasskeys] = useState<PasskeyView[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  // Which passkey prompt is showing: the one that confirms it is you, or the new passkey's.
  const [phase, setPhase] = useState<'confirm' | 'create' | null>(null);

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
    setPhase('confirm');
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
      setPhase(null);
    }
  };

  const add = () =>
    run(async () => {
      const assertion = await protectionAssertion('passkeys');
      setPhase('create');
      const { passkey } = await addPasskey(assertion);
      return `Passkey added: ${passkey.name}. We told your other devices and your phone.`;
    });
  const remove = (p: PasskeyView) =>
    run(async () => {
      const assertion = await protectionAssertion('passkeys');
      await unwrap(
        client.api.me.passkeys[':id'].remove.$post({
          param: { id: p.id },
          json: assertion as { ceremonyId: string; credential: never },
        }),
      );
      return `Passkey removed: ${p.name}. We told your other devices and your phone.`;
    });

  return (
    <section class="card" aria-labelledby="passkeys-heading">
      <h2 id="passkeys-heading">Your passkeys</h2>
      <p class="hint">
        A passkey lets this device's fingerprint or face unlock stand for you. Adding or removing one asks for a passkey
        you already have first, and we tell your other devices and your phone.
      </p>
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
      {phase === 'confirm' && (
        <p role="status" class="hint">
          First confirm it is you: use a passkey you already have.
        </p>
      )}
      {phase === 'create' && (
        <p role="status" class="hint">
          Now create the new passkey on this device or security key.
        </p>
      )}
      <Alert message={error} />
      <Status message={status} />
    </section>
  );
}
