/** Admin: add a webhook endpoint (an https URL and its event types); its signing secret is shown once, here. */
import { useState } from 'preact/hooks';
import type { WebhookEndpointWire, WebhookEventType } from '../../shared/webhooks.ts';
import { client, unwrap } from '../api.ts';
import { t } from '../i18n/en/integrations.ts';
import { Alert } from '../ui/Alert.tsx';
import { useCopy } from '../ui/copy.ts';
import { Field } from '../ui/Field.tsx';
import { SecretOnce } from '../ui/SecretOnce.tsx';
import { useAction } from '../ui/useAction.ts';
import { staffAssertion } from './staff-passkey.ts';

/** The event types in the order the form shows them, with the key of each one's name (`<key>_hint`: its hint). */
export const eventChoices: { type: WebhookEventType; key: 'event_verification' | 'event_call' | 'event_recovery' }[] = [
  { type: 'verification.status_changed', key: 'event_verification' },
  { type: 'call.status_changed', key: 'event_call' },
  { type: 'recovery.status_changed', key: 'event_recovery' },
];

export const eventNames = (types: WebhookEventType[]) =>
  types
    .map((type) => {
      const choice = eventChoices.find((c) => c.type === type);
      return choice ? t(choice.key) : type;
    })
    .join(', ');

export function AddWebhook({ onAdded }: { onAdded: () => void }) {
  const [url, setUrl] = useState('');
  const [types, setTypes] = useState<WebhookEventType[]>(eventChoices.map((c) => c.type));
  const [added, setAdded] = useState<{ endpoint: WebhookEndpointWire; secret: string } | null>(null);
  const add = useAction();
  const clipboard = useCopy();

  const toggle = (type: WebhookEventType, on: boolean) =>
    setTypes((now) => (on ? [...now.filter((x) => x !== type), type] : now.filter((x) => x !== type)));

  const submit = (event: Event) => {
    event.preventDefault();
    setAdded(null);
    clipboard.forget();
    void add.run(async () => {
      // An endpoint is confirmed with the admin's passkey first, as an API key is.
      const assertion = await staffAssertion('webhook');
      setAdded(await unwrap(client.api.admin.webhooks.$post({ json: { url: url.trim(), types, ...assertion } })));
      setUrl('');
      onAdded();
    });
  };

  const typesError = add.fields.types ?? Object.entries(add.fields).find(([k]) => k.startsWith('types.'))?.[1];
  return (
    <section class="card" aria-labelledby="add-webhook-heading">
      <h2 id="add-webhook-heading">{t('addHeading')}</h2>
      <p class="hint">{t('addHint')}</p>
      <form onSubmit={submit} noValidate>
        <Field
          id="webhook-url"
          label={t('urlLabel')}
          hint={t('urlHint')}
          type="url"
          value={url}
          onInput={setUrl}
          autoComplete="off"
          required
          error={add.fields.url}
        />
        <fieldset aria-describedby={typesError ? 'webhook-types-error' : undefined}>
          <legend>{t('eventsToSend')}</legend>
          {eventChoices.map((c) => (
            <label class="choice" key={c.type}>
              <input
                type="checkbox"
                name="types"
                checked={types.includes(c.type)}
                onChange={(e) => toggle(c.type, (e.target as HTMLInputElement).checked)}
              />
              <span>
                {t(c.key)} <span class="meta">— {t(`${c.key}_hint`)}</span>
              </span>
            </label>
          ))}
          {typesError && (
            <p class="field-error" id="webhook-types-error">
              {typesError}
            </p>
          )}
        </fieldset>
        <button type="submit" disabled={add.busy}>
          {add.busy ? t('confirmPasskey') : t('addEndpoint')}
        </button>
        <Alert message={add.error} />
      </form>
      <SecretOnce
        secret={added?.secret ?? null}
        id="webhook-secret"
        term={t('secretTerm')}
        copyLabel={t('copySecret')}
        hideLabel={t('hideSecret')}
        clipboard={clipboard}
        onHide={() => setAdded(null)}
      >
        {added && <>{t('secretShown', { url: added.endpoint.url, types: eventNames(added.endpoint.types) })}</>}
      </SecretOnce>
    </section>
  );
}
