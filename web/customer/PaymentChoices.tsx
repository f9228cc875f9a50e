/** Two choices of a payment: which approved payee it goes to, and its currency. */
import { accountEnding } from '../../shared/mask.ts';
import { t } from '../i18n/en/banking.ts';
import type { Payee } from './Payees.tsx';

export const currencies = ['GBP', 'EUR', 'USD'] as const;

const selected = (e: Event) => (e.target as HTMLSelectElement).value;

export function PayeeSelect(props: { payees: Payee[]; payee: Payee; onChange: (id: string) => void }) {
  return (
    <>
      <label for="pay-payee">{t('payTo')}</label>
      <select id="pay-payee" value={props.payee.id} onChange={(e) => props.onChange(selected(e))}>
        {props.payees.map((p) => (
          <option key={p.id} value={p.id}>
            {t('payeeOption', { name: p.name, ending: accountEnding(p.account) })}
          </option>
        ))}
      </select>
    </>
  );
}

export function CurrencySelect(props: { currency: string; onChange: (currency: string) => void }) {
  return (
    <>
      <label for="pay-currency">{t('currency')}</label>
      <select id="pay-currency" value={props.currency} onChange={(e) => props.onChange(selected(e))}>
        {currencies.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </>
  );
}
