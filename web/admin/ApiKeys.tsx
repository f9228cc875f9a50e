/** Admin: the API keys issued so far, live or revoked, and revoking one (after a confirmation). */
import { useEffect, useState } from 'preact/hooks';
import type { ApiKeyWire } from '../../shared/api-keys.ts';
import { client, messageOf, unwrap } from '../api.ts';
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
        Revoke<span class="sr-only"> {apiKey.name}</span>
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
      <p class="warning">Revoke {apiKey.name}? Its system is refused from then on. This cannot be undone.</p>
      <div class="actions">
        <button type="button" class="danger" disabled={revoke.busy} onClick={() => void confirm()}>
          {revoke.busy ? 'Revoking…' : `Yes, revoke ${apiKey.name}`}
        </button>
        <button type="button" class="secondary small" disabled={revoke.busy} onClick={() => setConfirming(false)}>
          Keep it
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
    setSaid(`${key.name} is revoked.`);
  };

  return (
    <>
      <IssueApiKey onIssued={() => void load()} />
      <section class="card" aria-labelledby="api-keys-heading">
        <h2 id="api-keys-heading">API keys</h2>
        {keys === null && !loadError && <p>Loading API keys…</p>}
        {keys?.length === 0 && <p>None yet.</p>}
        {keys && keys.length > 0 && (
          <ul class="plain api-keys">
            {keys.map((k) => (
              <li key={k.id}>
                <div>
                  <div>
                    <strong>{k.name}</strong>
                  </div>
                  <div class="meta">
                    {scopeNames(k.scopes)} · issued {when(k.createdAt)} by {k.createdBy}
                  </div>
                  <div class="meta">{k.revokedAt ? `Revoked ${when(k.revokedAt)}` : 'Live'}</div>
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
