/** Rules of out-of-band one-time codes that do not depend on where they are stored. */
import { accountEnding } from '../../shared/mask.ts';
import { amountText, type Transaction } from '../../shared/payee.ts';
import type { Channel, Purpose, VerificationStatus } from '../../shared/verifications.ts';

/** The public purposes, and the agent's fallback for a customer without the app (issue 3). */
export type OtpPurpose = Purpose | 'call_fallback';

export const otpPurposes: readonly OtpPurpose[] = [
  'sign_in',
  'add_payee',
  'payment',
  'recovery',
  'enrol_phone',
  'call_fallback',
];

export const otpChannels: readonly Channel[] = ['sms', 'call', 'email'];

/** Whether a channel reaches a destination: SMS and voice a phone (E.164), e-mail an address. */
export function channelFits(channel: Channel, destination: string): boolean {
  return channel === 'email' ? destination.includes('@') : destination.startsWith('+');
}

/**
 * The message that carries a code. Transaction codes name what they approve, so a customer tricked
 * by a fake site sees what they are about to approve (PSD2 RTS art. 5, dynamic linking).
 */
export function otpMessage(purpose: OtpPurpose, code: string, transaction: Transaction | null): string {
  const never = 'Never share this code.';
  const payee = transaction
    ? `${transaction.payee.name.trim().toUpperCase()}, account ending ${accountEnding(transaction.payee.account)}`
    : '';
  switch (purpose) {
    case 'add_payee':
      return `Code ${code} adds payee ${payee}. ${never}`;
    case 'payment':
      return `Code ${code} approves paying ${transaction?.amount ? amountText(transaction.amount) : ''} to ${payee}. ${never}`;
    case 'sign_in':
      return `Code ${code} signs you in to Countersign. ${never} We will never ask for it.`;
    case 'recovery':
      return `Code ${code} recovers your Countersign account. ${never} If you did not ask for it, open the app.`;
    case 'enrol_phone':
      return `Code ${code} confirms this number for your Countersign account. ${never}`;
    case 'call_fallback':
      return `Code ${code}: read it only to the bank agent on the call you are having now. If nobody from the bank is on the line, do not share it.`;
  }
}

/** Final statuses: nothing can change a verification in one of these. */
export const isClosed = (s: VerificationStatus) => s !== 'pending';

/**
 * How long real sends take here, so that a withheld one (unknown account, not its destination)
 * takes about as long: the provider's latency would otherwise tell, from outside, which accounts
 * exist (DESIGN.md: unknown user and wrong code look alike). An exponential moving average.
 */
export class SendTimer {
  #typicalMs = 0;

  /** Notes how long a real send took. */
  note(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.#typicalMs = this.#typicalMs === 0 ? ms : this.#typicalMs * 0.8 + ms * 0.2;
  }

  /** How long a withheld send should wait: the typical time, ±25 % (`random` in [0, 1)). */
  padding(random: number): number {
    return Math.min(10_000, this.#typicalMs * (0.75 + random * 0.5));
  }
}
