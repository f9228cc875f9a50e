/** A link that dials the bank's real number (BANK_PHONE); until it is first known, the advice to call the card's. */
import type { ComponentChildren } from 'preact';
import { type BankConfig, telHref } from '../../shared/bank.ts';
import { t } from '../i18n/en/ui.ts';
import { useBank } from './bank.ts';

export function CallBank(props: { label: (bank: BankConfig) => ComponentChildren; class?: string }) {
  const bank = useBank();
  if (!bank) return <span>{t('callCardNumber')}</span>;
  return (
    <a class={props.class} href={telHref(bank.bankPhone)}>
      {props.label(bank)}
    </a>
  );
}
