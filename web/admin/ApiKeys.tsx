/** Admin: the API keys issued so far, live or revoked, and revoking one (after a confirmation). */
import { useEffect, useState } from 'preact/hooks';
import type { ApiKeyWire } from '../../shared/api-keys.ts';
import { client, messageOf, unwrap } from '../api.ts';
import { t } from '../i18n/en/integrations.ts';
import { Alert, Status } from '../ui/Alert.tsx';
import { when } from '../ui/time.ts';
import { useAction } from '../ui/useAction.ts';
import { IssueApiKey, scopeNames } from './IssueApiKey.tsx';

function RevokeButton({ apiKey, onRevoked }: { apiKey: ApiKeyWire; onRevoked: (key: ApiKeyWire | null) => void }) {
  const [confirming, setConfirming] = useState(false);
  const revoke = useAction();
  if (!confirming) {
    return (
      <button type="button" class="danger" onClick={() => setConfirming(true)}>
        {t('revoke')}
        <span class="sr-only"> {apiKey.name}</span>
      </button>
    );
  }
  const confirm = () =>
    revoke.run(async () => {
      const { apiKey: revoked } = await unwrap(
        client.api.admin['api-keys'][':id'].revoke.$post({ param: { id: apiKey.id } }),
      );
      onRevoked(revoked);
    });
  return (
    <div class="confirm">
      <p class="warning">{t('revokeQ', { name: apiKey.name })}</p>
      <div class="actions">
        <button type="button" class="danger" disabled={revoke.busy} onClick={() => void confirm()}>
          {revoke.busy ? t('revoking') : t('yesRevoke', { name: apiKey.name })}
        </button>
        <button type="button" class="secondary small" disabled={revoke.busy} onClick={() => setConfirming(false)}>
          {t('keepIt')}
        </button>
      </div>
      <Alert message={revoke.error} />
    </div>
  );
}

export function ApiKeys() {
  const [keys, setKeys] = useState<ApiKeyWire[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [said, setSaid] = useState<string | null>(null);

  const load = () =>
    unwrap(client.api.admin['api-keys'].$get())
      .then((r) => {
        setKeys([...r.apiKeys].sort((a, b) => b.createdAt - a.createdAt));
        setLoadError(null);
      })
      .catch((e) => setLoadError(messageOf(e)));
  useEffect(() => {
    void load();
  }, []);

  const revoked = (key: ApiKeyWire | null) => {
    if (!key) return void load();
    setKeys((now) => now?.map((k) => (k.id === key.id ? key : k)) ?? null);
    setSaid(t('revokedSaid', { name: key.name }));
  };

  return (
    <>
      <IssueApiKey onIssued={() => void load()} />
      <section class="card" aria-labelledby="api-keys-heading">
        <h2 id="api-keys-heading">{t('apiKeysHeading')}</h2>
        {keys === null && !loadError && <p>{t('loadingKeys')}</p>}
        {keys?.length === 0 && <p>{t('noneYet')}</p>}
        {keys && keys.length > 0 && (
          <ul class="plain api-keys">
            {keys.map((k) => (
              <li key={k.id}>
                <div>
                  <div>
                    <strong>{k.name}</strong>
                  </div>
                  <div class="meta">
                    {t('keyMeta', { scopes: scopeNames(k.scopes), when: when(k.createdAt), by: k.createdBy })}
                  </div>
                  <div class="meta">{k.revokedAt ? t('revokedAt', { when: when(k.revokedAt) }) : t('live')}</div>
                </div>
                {!k.revokedAt && <RevokeButton apiKey={k} onRevoked={revoked} />}
              </li>
            ))}
          </ul>
        )}
        <Status message={said} />
        <Alert message={loadError} />
      </section>
    </>
  );
}
