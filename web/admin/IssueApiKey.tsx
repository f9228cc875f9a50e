/** Admin: issue an API key for a bank system or an aggregator; the key is shown once, here. */
import { useState } from 'preact/hooks';
import type { ApiKeyWire } from '../../shared/api-keys.ts';
import { client, unwrap } from '../api.ts';
import { t } from '../i18n/en/integrations.ts';
import { Alert } from '../ui/Alert.tsx';
import { useCopy } from '../ui/copy.ts';
import { Field } from '../ui/Field.tsx';
import { SecretOnce } from '../ui/SecretOnce.tsx';
import { useAction } from '../ui/useAction.ts';
import { staffAssertion } from './staff-passkey.ts';

type Scope = ApiKeyWire['scopes'][number];

/** The scopes in the order the form shows them; each one's name and hint are `scope_<scope>(_hint)`. */
const scopeChoices: Scope[] = ['verifications', 'aggregator', 'audit', 'customers'];
const scopeLabel = (scope: Scope) => (scopeChoices.includes(scope) ? t(`scope_${scope}`) : scope);

export const scopeNames = (scopes: Scope[]) => scopes.map(scopeLabel).join(', ');

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
      <h2 id="issue-key-heading">{t('issueKeyHeading')}</h2>
      <p class="hint">{t('issueKeyHint')}</p>
      <form onSubmit={submit} noValidate>
        <Field
          id="api-key-name"
          label={t('keyName')}
          hint={t('keyNameHint')}
          value={name}
          onInput={setName}
          autoComplete="off"
          required
          error={issue.fields.name}
        />
        <fieldset aria-describedby={scopesError ? 'scopes-error' : undefined}>
          <legend>{t('keyMay')}</legend>
          {scopeChoices.map((scope) => (
            <label class="choice" key={scope}>
              <input
                type="checkbox"
                name="scopes"
                checked={scopes.includes(scope)}
                onChange={(e) => toggle(scope, (e.target as HTMLInputElement).checked)}
              />
              <span>
                {t(`scope_${scope}`)} <span class="meta">— {t(`scope_${scope}_hint`)}</span>
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
          {issue.busy ? t('issuing') : t('issueKey')}
        </button>
        <Alert message={issue.error} />
      </form>
      <SecretOnce
        secret={issued?.key ?? null}
        id="issued-api-key"
        term={t('apiKeyTerm')}
        copyLabel={t('copyKey')}
        hideLabel={t('hideKey')}
        clipboard={clipboard}
        onHide={() => setIssued(null)}
      >
        {issued && <>{t('keyShown', { name: issued.apiKey.name, scopes: scopeNames(issued.apiKey.scopes) })}</>}
      </SecretOnce>
    </section>
  );
}
