/** A link that dials the bank's real number (BANK_PHONE); until it is first known, the advice to call the card's. */
import { type BankConfig, telHref } from '../../shared/bank.ts';
import { useBank } from './bank.ts';

export function CallBank({ label, class: className }: { label: (bank: BankConfig) => string; class?: string }) {
  const bank = useBank();
  if (!bank) return <span>Call the number on the back of your card.</span>;
  return (
    <a class={className} href={telHref(bank.bankPhone)}>
      {label(bank)}
    </a>
  );
}
