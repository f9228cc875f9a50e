/**
 * "Verify a customer": the agent names the customer, whose app is asked to confirm the call; for a
 * customer without the app, the way to a one-time code to their registered phone.
 */
import { useState } from 'preact/hooks';
import { ApiError, client, unwrap } from '../api.ts';
import { Alert } from '../ui/Alert.tsx';
import { Field } from '../ui/Field.tsx';
import { useAction } from '../ui/useAction.ts';

const storageKey = 'countersign.agent.call';

function stored(): string | null {
  try {
    return sessionStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

/**
 * The call the agent is working on, kept for this tab only, so that a reload returns to it (where
 * "Show a new code" replaces the agent's code the reload lost).
 */
export function useCurrentCall(): [string | null, (id: string | null) => void] {
  const [id, setId] = useState<string | null>(stored);
  const open = (next: string | null) => {
    try {
      if (next) sessionStorage.setItem(storageKey, next);
      else sessionStorage.removeItem(storageKey);
    } catch {
      // Storage unavailable: the call is still open in this page.
    }
    setId(next);
  };
  return [id, open];
}

interface VerifyCustomerProps {
  onStarted: (callId: string) => void;
  /** Opens the one-time code fallback for this handle (as typed so far). */
  onFallback: (handle: string) => void;
}

export function VerifyCustomer({ onStarted, onFallback }: VerifyCustomerProps) {
  const [handle, setHandle] = useState('');
  const [noApp, setNoApp] = useState(false);
  const { busy, error, fields, run } = useAction();
  const fieldError = fields.customer;

  const submit = (event: Event) => {
    event.preventDefault();
    setNoApp(false);
    void run(async () => {
      try {
        const { call } = await unwrap(client.api.calls.$post({ json: { customer: handle } }));
        onStarted(call.id);
      } catch (e) {
        if (e instanceof ApiError && e.code === 'customer_not_enrolled') setNoApp(true);
        throw e;
      }
    });
  };

  return (
    <section class="card" aria-labelledby="verify-heading">
      <h2 id="verify-heading">Verify a customer</h2>
      <p class="hint">
        While you are on the phone with them: their app asks them to confirm, then you each read a code to the other.
      </p>
      <form onSubmit={submit} noValidate>
        <Field
          id="customer"
          label="Customer's handle"
          hint="The handle they use in the Countersign app, e.g. jo.bloggs."
          value={handle}
          onInput={setHandle}
          autoComplete="off"
          required
          error={fieldError}
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Asking the customer’s app…' : 'Ask the customer to confirm'}
        </button>
        <Alert message={error} />
      </form>
      <h3 class="hint">{noApp ? 'No app for this customer?' : 'The customer cannot use the app?'}</h3>
      <button type="button" class={noApp ? undefined : 'secondary'} onClick={() => onFallback(handle.trim())}>
        Send a one-time code to their registered phone
      </button>
    </section>
  );
}
