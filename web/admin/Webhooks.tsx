/**
 * Admin: webhook endpoints: add one (its secret shown once), the list with delete (after
 * a confirmation), and the recent deliveries with their status. Loaded only when the admin screen
 * opens (web/admin/AdminHome.tsx), so it adds nothing to the app's first load.
 */
import { useEffect, useState } from 'preact/hooks';
import type { WebhookDeliveryWire, WebhookEndpointWire } from '../../shared/webhooks.ts';
import { client, messageOf, unwrap } from '../api.ts';
import { t } from '../i18n/en/integrations.ts';
import { Alert, Status } from '../ui/Alert.tsx';
import { when } from '../ui/time.ts';
import { useAction } from '../ui/useAction.ts';
import { AddWebhook, eventNames } from './AddWebhook.tsx';
import { staffAssertion } from './staff-passkey.ts';

function DeleteButton({ endpoint, onDeleted }: { endpoint: WebhookEndpointWire; onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useAction();
  if (!confirming) {
    return (
      <button type="button" class="danger" onClick={() => setConfirming(true)}>
        {t('delete')}
        <span class="sr-only">{t('deleteWhich', { url: endpoint.url })}</span>
      </button>
    );
  }
  const confirm = () =>
    remove.run(async () => {
      // Deleting an endpoint is confirmed with the admin's passkey first.
      const assertion = await staffAssertion('webhook');
      await unwrap(client.api.admin.webhooks[':id'].delete.$post({ param: { id: endpoint.id }, json: assertion }));
      onDeleted();
    });
  return (
    <div class="confirm">
      <p class="warning">{t('deleteQ', { url: endpoint.url })}</p>
      <div class="actions">
        <button type="button" class="danger" disabled={remove.busy} onClick={() => void confirm()}>
          {remove.busy ? t('confirmPasskey') : t('yesDelete')}
        </button>
        <button type="button" class="secondary small" disabled={remove.busy} onClick={() => setConfirming(false)}>
          {t('keepEndpoint')}
        </button>
      </div>
      <Alert message={remove.error} />
    </div>
  );
}

function Deliveries() {
  const [deliveries, setDeliveries] = useState<WebhookDeliveryWire[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    unwrap(client.api.admin.webhooks.deliveries.$get({ query: { limit: '20' } }))
      .then((r) => {
        setDeliveries(r.deliveries);
        setError(null);
      })
      .catch((e) => setError(messageOf(e)));
  useEffect(() => {
    void load();
  }, []);
  return (
    <section class="card" aria-labelledby="webhook-deliveries-heading">
      <h2 id="webhook-deliveries-heading">{t('deliveriesHeading')}</h2>
      {deliveries === null && !error && <p>{t('loadingDeliveries')}</p>}
      {deliveries?.length === 0 && <p>{t('noDeliveries')}</p>}
      {deliveries && deliveries.length > 0 && (
        <ul class="plain">
          {deliveries.map((d) => (
            <li key={`${d.eventId}/${d.endpointId}`}>
              <div>
                <div>
                  <strong>{t(`status_${d.status}`)}</strong> · {eventNames([d.type])}: {d.eventId.split(':')[1]}
                </div>
                <div class="meta wraps">
                  {when(d.createdAt)} · {t(d.attempts === 1 ? 'oneAttempt' : 'attempts', { n: d.attempts })}
                  {d.lastResponse !== null
                    ? t('lastAnswer', { status: d.lastResponse })
                    : d.lastError
                      ? ` · ${d.lastError}`
                      : ''}
                  {d.nextAttemptAt !== null ? t('nextTry', { when: when(d.nextAttemptAt) }) : ''}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      <button type="button" class="secondary small" onClick={() => void load()}>
        {t('refreshDeliveries')}
      </button>
      <Alert message={error} />
    </section>
  );
}

export function Webhooks() {
  const [endpoints, setEndpoints] = useState<WebhookEndpointWire[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [said, setSaid] = useState<string | null>(null);

  const load = () =>
    unwrap(client.api.admin.webhooks.$get())
      .then((r) => {
        setEndpoints(r.endpoints);
        setLoadError(null);
      })
      .catch((e) => setLoadError(messageOf(e)));
  useEffect(() => {
    void load();
  }, []);

  const deleted = (endpoint: WebhookEndpointWire) => {
    setEndpoints((now) => now?.filter((e) => e.id !== endpoint.id) ?? null);
    setSaid(t('deletedSaid', { url: endpoint.url }));
  };

  return (
    <>
      <AddWebhook onAdded={() => void load()} />
      <section class="card" aria-labelledby="webhooks-heading">
        <h2 id="webhooks-heading">{t('endpointsHeading')}</h2>
        {endpoints === null && !loadError && <p>{t('loadingEndpoints')}</p>}
        {endpoints?.length === 0 && <p>{t('noEndpoints')}</p>}
        {endpoints && endpoints.length > 0 && (
          <ul class="plain api-keys">
            {endpoints.map((e) => (
              <li key={e.id}>
                <div>
                  <div>
                    <strong class="wraps">{e.url}</strong>
                  </div>
                  <div class="meta">
                    {t('endpointMeta', { types: eventNames(e.types), when: when(e.createdAt), by: e.createdBy })}
                  </div>
                </div>
                <DeleteButton endpoint={e} onDeleted={() => deleted(e)} />
              </li>
            ))}
          </ul>
        )}
        <Status message={said} />
        <Alert message={loadError} />
      </section>
      <Deliveries />
    </>
  );
}
