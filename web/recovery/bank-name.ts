/** The bank's name for the recovery screens ("their own <bank> app", the page title). */
import { useBank } from '../ui/bank.ts';

/** BANK_NAME as last known on this device; before the very first answer, the product's own name (its default). */
export function useBankName(): string {
  return useBank()?.bankName ?? 'Countersign';
}
