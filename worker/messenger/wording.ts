/**
 * The words of the bank's messages, one table per language (wording-en.ts, wording-fr.ts): the
 * same shape, so a language that misses a message is a type error. templates.ts checks every
 * parameter before it reaches a table; a table only puts checked values into sentences.
 */
import type { ProtectionChange } from '../../shared/protection.ts';

export interface Wording {
  /** The one rule for a code typed into the app (docs/messages.md, "Who may hear a code"). */
  typeIt: string;
  /** Instead of a name that breaks the person-name rule. */
  someone: string;
  /** Instead of a payee's name that has no letter left. */
  thePayee: string;
  /** "J SMITH, account ending 3000". */
  payee(name: string, ending: string): string;
  /** A money amount, as this language writes it. */
  amount(value: string, currency: string): string;
  /** A moment in UTC, as this language writes it. */
  date(at: number): string;
  otp: {
    add_payee(code: string, payee: string): string;
    payment(code: string, amount: string, payee: string): string;
    sign_in(code: string, bank: string): string;
    recovery(code: string, bank: string): string;
    enrol_phone(code: string, bank: string): string;
    call_fallback(code: string): string;
  };
  contactNominated(holder: string, bank: string): string;
  contactCode(holder: string, bank: string, code: string, link: string): string;
  /** `when` is null when the account can be recovered now. */
  recoveryQuorum(holder: string, bank: string, when: string | null, link: string): string;
  /** Fixed wording per change: no name a user chose goes into an announcement. */
  changes: Record<ProtectionChange, string>;
  announcement(change: string, bank: string): string;
}
