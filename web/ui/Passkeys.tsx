/** The account's passkeys: list, add another, remove one (never the last). */
import { useEffect, useState } from 'preact/hooks';
import type { PasskeyView } from '../../shared/account.ts';
import { client, messageOf, unwrap } from '../api.ts';
import { protectionAssertion } from '../customer/fresh-passkey.ts';
import { t } from '../i18n/en/core.ts';
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
      return t('passkeyAdded', { name: passkey.name });
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
      return t('passkeyRemoved', { name: p.name });
    });

  return (
    <section class="card" aria-labelledby="passkeys-heading">
      <h2 id="passkeys-heading">{t('passkeysHeading')}</h2>
      <p class="hint">{t('passkeysHint')}</p>
      {passkeys === null && !error && <p>{t('loadingPasskeys')}</p>}
      {passkeys && (
        <ul class="plain">
          {passkeys.map((p) => (
            <li key={p.id}>
              <div>
                <div>{p.name}</div>
                <div class="meta">
                  {t('added', { when: when(p.createdAt) })}
                  {p.lastUsedAt ? t('lastUsed', { when: when(p.lastUsedAt) }) : t('notUsedYet')}
                  {p.backedUp ? t('synced') : ''}
                </div>
              </div>
              {passkeys.length > 1 && (
                <button type="button" class="danger" disabled={busy} onClick={() => remove(p)}>
                  {t('remove')}
                  <span class="sr-only"> {p.name}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {passkeys && passkeys.length === 1 && <p class="hint">{t('onlyPasskey')}</p>}
      <button type="button" class="secondary" disabled={busy} onClick={add}>
        {busy ? t('working') : t('addPasskey')}
      </button>
      {phase === 'confirm' && (
        <p role="status" class="hint">
          {t('confirmFirst')}
        </p>
      )}
      {phase === 'create' && (
        <p role="status" class="hint">
          {t('createNow')}
        </p>
      )}
      <Alert message={error} />
      <Status message={status} />
    </section>
  );
}
