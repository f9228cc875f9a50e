/** Admin: add a webhook endpoint (an https URL and its event types); its signing secret is shown once, here. */
import { useState } from 'preact/hooks';
import type { WebhookEndpointWire, WebhookEventType } from '../../shared/webhooks.ts';
import { client, unwrap } from '../api.ts';
import { Alert } from '../ui/Alert.tsx';
import { useCopy } from '../ui/copy.ts';
import { Field } from '../ui/Field.tsx';
import { SecretOnce } from '../ui/SecretOnce.tsx';
import { useAction } from '../ui/useAction.ts';
import { staffAssertion } from './staff-passkey.ts';

export const eventChoices: { type: WebhookEventType; label: string; hint: string }[] = [
  { type: 'verification.status_changed', label: 'Verifications', hint: 'one-time codes: approved, expired…' },
  { type: 'call.status_changed', label: 'Calls', hint: 'call verifications: verified, failed…' },
  { type: 'recovery.status_changed', label: 'Recoveries', hint: 'trusted-contact recoveries: started, completed…' },
];

export const eventNames = (types: WebhookEventType[]) =>
  types.map((t) => eventChoices.find((c) => c.type === t)?.label ?? t).join(', ');

export function AddWebhook({ onAdded }: { onAdded: () => void }) {
  const [url, setUrl] = useState('');
  const [types, setTypes] = useState<WebhookEventType[]>(eventChoices.map((c) => c.type));
  const [added, setAdded] = useState<{ endpoint: WebhookEndpointWire; secret: string } | null>(null);
  const add = useAction();
  const clipboard = useCopy();

  const toggle = (type: WebhookEventType, on: boolean) =>
    setTypes((now) => (on ? [...now.filter((t) => t !== type), type] : now.filter((t) => t !== type)));

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
      <h2 id="add-webhook-heading">Add a webhook endpoint</h2>
      <p class="hint">
        The bank's systems are told when a ceremony changes status: a signed POST to this URL, retried until it answers
        2xx. Bodies hold ids and statuses only.
      </p>
      <form onSubmit={submit} noValidate>
        <Field
          id="webhook-url"
          label="Endpoint URL"
          hint="An https URL of the bank's system, e.g. https://hooks.bank.example/countersign."
          type="url"
          value={url}
          onInput={setUrl}
          autoComplete="off"
          required
          error={add.fields.url}
        />
        <fieldset aria-describedby={typesError ? 'webhook-types-error' : undefined}>
          <legend>Events to send</legend>
          {eventChoices.map((c) => (
            <label class="choice" key={c.type}>
              <input
                type="checkbox"
                name="types"
                checked={types.includes(c.type)}
                onChange={(e) => toggle(c.type, (e.target as HTMLInputElement).checked)}
              />
              <span>
                {c.label} <span class="meta">— {c.hint}</span>
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
          {add.busy ? 'Adding…' : 'Add endpoint'}
        </button>
        <Alert message={add.error} />
      </form>
      <SecretOnce
        secret={added?.secret ?? null}
        id="webhook-secret"
        term="Signing secret"
        copyLabel="Copy the signing secret"
        hideLabel="I have copied it: hide the secret"
        clipboard={clipboard}
        onHide={() => setAdded(null)}
      >
        {added && (
          <>
            Signing secret for {added.endpoint.url} ({eventNames(added.endpoint.types)}). Give it to the team that runs
            the endpoint: it checks every delivery's Countersign-Signature with it.
          </>
        )}
      </SecretOnce>
    </section>
  );
}
