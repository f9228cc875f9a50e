/**
 * "Find a customer": by handle, verified phone or the bank's own reference. Staff are
 * told plainly when no customer matches (their look-ups are audited; they never see a decoy).
 */
import { useState } from 'preact/hooks';
import type { CustomerDetails, LookupKind } from '../../shared/customers.ts';
import { ApiError, client, unwrap } from '../api.ts';
import { Alert } from '../ui/Alert.tsx';
import { Field } from '../ui/Field.tsx';
import { useAction } from '../ui/useAction.ts';

const kinds: { kind: LookupKind; choice: string; label: string; hint: string; type: 'text' | 'tel' }[] = [
  {
    kind: 'phone',
    choice: 'Verified phone',
    label: 'Verified phone number',
    hint: 'In international format, e.g. +44 7700 900123.',
    type: 'tel',
  },
  {
    kind: 'reference',
    choice: 'Reference',
    label: 'Customer reference',
    hint: 'The bank’s own reference, as on their file.',
    type: 'text',
  },
  {
    kind: 'handle',
    choice: 'Handle',
    label: "Customer's handle",
    hint: 'The handle they use in the app, e.g. jo.bloggs.',
    type: 'text',
  },
];

const noMatch: Record<LookupKind, string> = {
  handle: 'No customer has the handle',
  phone: 'No customer has verified the phone number',
  reference: 'No customer has the reference',
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
          setMissed(`${noMatch[kind]} ${typed}. Check it with the caller, or search by another detail.`);
          return;
        }
        throw e;
      }
    });
  };

  return (
    <section class="card" aria-labelledby="find-heading">
      <h2 id="find-heading">Find a customer</h2>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>Find them by</legend>
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
                {k.choice}
              </label>
            ))}
          </div>
        </fieldset>
        <Field
          id="lookup-value"
          label={shown?.label ?? ''}
          hint={shown?.hint}
          type={shown?.type}
          inputMode={kind === 'phone' ? 'tel' : 'text'}
          value={value}
          onInput={setValue}
          autoComplete="off"
          required
          error={fields[kind] ?? fields['(query)']}
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Looking…' : 'Find the customer'}
        </button>
        <Alert message={missed ?? error} />
      </form>
    </section>
  );
}
