/**
 * The customer's own out-of-band one-time codes (`/api/v1/verifications` with the session): start,
 * check, resend, cancel. Types only from shared/verifications.ts, so zod stays out of the bundle.
 */
import type { Transaction } from '../../shared/payee.ts';
import type { Channel, CheckView, Purpose, VerificationView } from '../../shared/verifications.ts';
import { client, unwrap } from '../api.ts';
import { t } from '../i18n/en/ui.ts';

export type { Channel, VerificationView };

/** How each channel is named to the customer. */
export const channelNames: Record<Channel, string> = {
  sms: 'Text message (SMS)',
  call: 'Voice call',
  email: 'E-mail',
};

/** "by text message", "by voice call", "by e-mail". */
export const byChannel: Record<Channel, string> = {
  sms: 'by text message',
  call: 'by voice call',
  email: 'by e-mail',
};

/** The channels a verified phone and e-mail can be reached by. */
export function channelsFor(contacts: { phone: string | null; email: string | null }): Channel[] {
  return [...(contacts.phone ? (['sms', 'call'] as const) : []), ...(contacts.email ? (['email'] as const) : [])];
}

/** The channels that reach a destination as the server shows it (`+44 •••• ••• 123`, `j•••@example.com`). */
export const channelsReaching = (masked: string): Channel[] => (masked.startsWith('+') ? ['sms', 'call'] : ['email']);

export interface StartCode {
  purpose: Purpose;
  channel: Channel;
  to?: string;
  transaction?: Transaction;
}

/** Starts a verification for the signed-in customer; the code goes out at once. */
export function startCode(body: StartCode): Promise<VerificationView> {
  return unwrap(client.api.v1.verifications.$post({ json: body }));
}

/** Checks a code; a transaction code needs the same transaction it was started with. */
export function checkCode(id: string, code: string, transaction?: Transaction): Promise<CheckView> {
  return unwrap(
    client.api.v1.verifications[':id'].check.$post({
      param: { id },
      json: { code, ...(transaction ? { transaction } : {}) },
    }),
  );
}

/** Sends a new code, on the same channel or another. */
export function resendCode(id: string, channel: Channel): Promise<VerificationView> {
  return unwrap(client.api.v1.verifications[':id'].resend.$post({ param: { id }, json: { channel } }));
}

/** Cancels a pending code: it stops working at once. */
export function cancelCode(id: string): Promise<VerificationView> {
  return unwrap(client.api.v1.verifications[':id'].cancel.$post({ param: { id } }));
}

/** Why a code no longer works, in words, for a status other than pending or approved. */
export function closedText(status: VerificationView['status']): string {
  if (status === 'max_attempts_reached') return t('tooManyWrong');
  if (status === 'expired') return t('codeExpired');
  if (status === 'canceled') return t('codeCancelled');
  return t('codeClosed');
}
