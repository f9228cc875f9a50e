/**
 * The SMS-pumping guard (DESIGN.md): SMS and voice go only to numbers of the allowed country calling
 * codes (`OTP_ALLOWED_CALLING_CODES`). The messenger applies it to every message; routes that take a
 * number to text later (a verification's `to`, a trusted contact) ask it first, for a field error
 * before anything is saved.
 */
import type { Channel } from '../../shared/verifications.ts';
import { callingCodeAllowed } from '../core/phone.ts';

/** Whether a message on `channel` may go to `to` (an e-mail address always may). */
export function guardAllows(channel: Channel, to: string, allowedCallingCodes: readonly string[]): boolean {
  return channel === 'email' || callingCodeAllowed(to, allowedCallingCodes);
}
