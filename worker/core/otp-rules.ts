/** Rules of out-of-band one-time codes that do not depend on where they are stored. */
import type { Channel, Purpose } from '../../shared/verifications.ts';

/** The public purposes, and the agent's fallback for a customer without the app. */
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
