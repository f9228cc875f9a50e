/**
 * "Find a customer": by handle, verified phone or the bank's own reference. Staff are
 * told plainly when no customer matches (their look-ups are audited; they never see a decoy).
 */
import { useState } from 'preact/hooks';
import type { CustomerDetails, LookupKind } from '../../shared/customers.ts';
import { ApiError, client, unwrap } from '../api.ts';
import { t } from '../i18n/en/agent.ts';
import { Alert } from '../ui/Alert.tsx';
import { Field } from '../ui/Field.tsx';
import { useAction } from '../ui/useAction.ts';

type AgentText = Parameters<typeof t>[0];

// Keys, not texts: each is put on screen in the language of the moment.
const kinds: { kind: LookupKind; choice: AgentText; label: AgentText; hint: AgentText; type: 'text' | 'tel' }[] = [
  { kind: 'phone', choice: 'byPhone', label: 'phoneLabel', hint: 'phoneHint', type: 'tel' },
  { kind: 'reference', choice: 'byReference', label: 'referenceLabel', hint: 'referenceHint', type: 'text' },
  { kind: 'handle', choice: 'byHandle', label: 'handleLabel', hint: 'handleHint', type: 'text' },
];

const noMatch: Record<LookupKind, AgentText> = {
  handle: 'noMatch_handle',
  phone: 'noMatch_phone',
  reference: 'noMatch_reference',
};

interface FindCustomerProps {
  /** The customer found, or null when none matched (the card of an earlier search goes). */
  onFound: (customer: CustomerDetails | null) => void;
}

export function FindCustomer({ onFound }: FindCustomerProps) {
  const [kind, setKind] = useState<LookupKind>('phone');
  const [value, setValue] = useState('');
  const [missed, setMissed] = useState<string | null>(null);
  const { busy, error, fields, run } = useAction();
  const shown = kinds.find((k) => k.kind === kind) ?? kinds[0];

  const submit = (event: Event) => {
    event.preventDefault();
    setMissed(null);
    const typed = value.trim();
    void run(async () => {
      try {
        const { customer } = await unwrap(client.api.agent.customers.$get({ query: { [kind]: typed } }));
        onFound(customer);
      } catch (e) {
        if (e instanceof ApiError && e.code === 'customer_not_found') {
          onFound(null);
          setMissed(t(noMatch[kind], { value: typed }));
          return;
        }
        throw e;
      }
    });
  };

  return (
    <section class="card" aria-labelledby="find-heading">
      <h2 id="find-heading">{t('findHeading')}</h2>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('findBy')}</legend>
          <div class="choices-row">
            {kinds.map((k) => (
              <label class="choice" key={k.kind}>
                <input
                  type="radio"
                  name="lookup-kind"
                  checked={kind === k.kind}
                  onChange={() => {
                    setKind(k.kind);
                    setMissed(null);
                  }}
                />
                {t(k.choice)}
              </label>
            ))}
          </div>
        </fieldset>
        <Field
          id="lookup-value"
          label={shown ? t(shown.label) : ''}
          hint={shown ? t(shown.hint) : undefined}
          type={shown?.type}
          inputMode={kind === 'phone' ? 'tel' : 'text'}
          value={value}
          onInput={setValue}
          autoComplete="off"
          required
          error={fields[kind] ?? fields['(query)']}
        />
        <button type="submit" disabled={busy}>
          {busy ? t('looking') : t('findCustomer')}
        </button>
        <Alert message={missed ?? error} />
      </form>
    </section>
  );
}
