/** Admin: issue an API key for a bank system or an aggregator; the key is shown once, here. */
import { useState } from 'preact/hooks';
import type { ApiKeyWire } from '../../shared/api-keys.ts';
import { client, unwrap } from '../api.ts';
import { Alert } from '../ui/Alert.tsx';
import { useCopy } from '../ui/copy.ts';
import { Field } from '../ui/Field.tsx';
import { SecretOnce } from '../ui/SecretOnce.tsx';
import { useAction } from '../ui/useAction.ts';
import { staffAssertion } from './staff-passkey.ts';

type Scope = ApiKeyWire['scopes'][number];

const scopeChoices: { scope: Scope; label: string; hint: string }[] = [
  { scope: 'verifications', label: 'Verifications', hint: 'Send and check one-time codes (/api/v1/verifications).' },
  { scope: 'aggregator', label: 'Aggregator', hint: 'Read an account, only once its holder allows this key.' },
  {
    scope: 'audit',
    label: 'Security events',
    hint: "Read every account's security events for the bank's SIEM (/api/v1/security-events).",
  },
  {
    scope: 'customers',
    label: 'Customer references',
    hint: "Set the bank's own reference of a customer, which agents can find them by (/api/v1/customers).",
  },
];

export const scopeNames = (scopes: Scope[]) =>
  scopes.map((s) => scopeChoices.find((c) => c.scope === s)?.label ?? s).join(', ');

export function IssueApiKey({ onIssued }: { onIssued: () => void }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['verifications']);
  const [issued, setIssued] = useState<{ key: string; apiKey: ApiKeyWire } | null>(null);
  const issue = useAction();
  const clipboard = useCopy();

  const toggle = (scope: Scope, on: boolean) =>
    setScopes((now) => (on ? [...now.filter((s) => s !== scope), scope] : now.filter((s) => s !== scope)));

  const submit = (event: Event) => {
    event.preventDefault();
    setIssued(null);
    clipboard.forget();
    void issue.run(async () => {
      // An API key is confirmed with the admin's passkey first.
      const assertion = await staffAssertion('api_key');
      setIssued(await unwrap(client.api.admin['api-keys'].$post({ json: { name, scopes, ...assertion } })));
      setName('');
      onIssued();
    });
  };

  const scopesError = issue.fields.scopes;
  return (
    <section class="card" aria-labelledby="issue-key-heading">
      <h2 id="issue-key-heading">Issue an API key</h2>
      <p class="hint">
        For a bank system that sends codes, an aggregator, or the bank's SIEM. It calls with Authorization: Bearer.
        Issuing one asks for your passkey first.
      </p>
      <form onSubmit={submit} noValidate>
        <Field
          id="api-key-name"
          label="Name of the system"
          hint="Who will use this key, e.g. Payments back office."
          value={name}
          onInput={setName}
          autoComplete="off"
          required
          error={issue.fields.name}
        />
        <fieldset aria-describedby={scopesError ? 'scopes-error' : undefined}>
          <legend>What the key may do</legend>
          {scopeChoices.map((c) => (
            <label class="choice" key={c.scope}>
              <input
                type="checkbox"
                name="scopes"
                checked={scopes.includes(c.scope)}
                onChange={(e) => toggle(c.scope, (e.target as HTMLInputElement).checked)}
              />
              <span>
                {c.label} <span class="meta">— {c.hint}</span>
              </span>
            </label>
          ))}
          {scopesError && (
            <p class="field-error" id="scopes-error">
              {scopesError}
            </p>
          )}
        </fieldset>
        <button type="submit" disabled={issue.busy}>
          {issue.busy ? 'Issuing…' : 'Issue API key'}
        </button>
        <Alert message={issue.error} />
      </form>
      <SecretOnce
        secret={issued?.key ?? null}
        id="issued-api-key"
        term="API key"
        copyLabel="Copy the API key"
        hideLabel="I have copied it: hide the key"
        clipboard={clipboard}
        onHide={() => setIssued(null)}
      >
        {issued && (
          <>
            API key for {issued.apiKey.name} ({scopeNames(issued.apiKey.scopes)}). We keep only a hash of it; if it is
            lost, issue a new one and revoke this one.
          </>
        )}
      </SecretOnce>
    </section>
  );
}
