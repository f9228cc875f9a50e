/**
 * Verifying the customer the agent found: their app is asked to confirm the call, or (when they
 * cannot use the app) a one-time code goes to their verified phone. What the agent is working on
 * is kept for this tab only, so that a reload returns to it.
 */
import { useState } from 'preact/hooks';
import type { CustomerDetails } from '../../shared/customers.ts';
import { client, unwrap } from '../api.ts';
import { t } from '../i18n/en/agent.ts';
import { Alert } from '../ui/Alert.tsx';
import { useAction } from '../ui/useAction.ts';

const callKey = 'countersign.agent.call';
const customerKey = 'countersign.agent.customer';

function stored(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function keep(key: string, value: string | null): void {
  try {
    if (value) sessionStorage.setItem(key, value);
    else sessionStorage.removeItem(key);
  } catch {
    // Storage unavailable: it is still open in this page.
  }
}

/**
 * The call the agent is working on (a reload returns to it, where "Show a new code" replaces the
 * agent's code the reload lost).
 */
export function useCurrentCall(): [string | null, (id: string | null) => void] {
  const [id, setId] = useState<string | null>(() => stored(callKey));
  const open = (next: string | null) => {
    keep(callKey, next);
    setId(next);
  };
  return [id, open];
}

/** The customer the agent found (masked details only), shown beside the call. */
export function useCurrentCustomer(): [CustomerDetails | null, (c: CustomerDetails | null) => void] {
  const [customer, setCustomer] = useState<CustomerDetails | null>(() => {
    try {
      return JSON.parse(stored(customerKey) ?? 'null') as CustomerDetails | null;
    } catch {
      return null;
    }
  });
  const open = (next: CustomerDetails | null) => {
    keep(customerKey, next ? JSON.stringify(next) : null);
    setCustomer(next);
  };
  return [customer, open];
}

interface VerifyCustomerProps {
  customer: CustomerDetails;
  onStarted: (callId: string) => void;
  /** Opens the one-time code to the customer's verified phone. */
  onFallback: () => void;
}

export function VerifyCustomer({ customer, onStarted, onFallback }: VerifyCustomerProps) {
  const { busy, error, run } = useAction();
  const start = () =>
    run(async () => {
      const { call } = await unwrap(client.api.calls.$post({ json: { customer: customer.handle } }));
      onStarted(call.id);
    });

  return (
    <div class="verify">
      <h3>{t('verifyName', { name: customer.displayName })}</h3>
      {customer.hasApp ? (
        <>
          <p class="hint">{t('verifyHint')}</p>
          <button type="button" disabled={busy} onClick={() => void start()}>
            {busy ? t('askingApp') : t('askConfirm')}
          </button>
        </>
      ) : (
        <p>{t('noAppText')}</p>
      )}
      <Alert message={error} />
      {customer.phone ? (
        <>
          <p class="hint">{customer.hasApp ? t('cannotUseApp') : t('instead')}</p>
          <button type="button" class={customer.hasApp ? 'secondary' : undefined} onClick={onFallback}>
            {t('sendFallback')}
          </button>
        </>
      ) : (
        <p>{t('noVerifiedPhone')}</p>
      )}
    </div>
  );
}
