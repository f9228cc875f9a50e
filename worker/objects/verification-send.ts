/**
 * The Verification object's sends: what one code's send carries to the messenger and how its
 * outcome reads for the machine (worker/core/verification-machine.ts), and where a code goes when
 * the channel changes.
 */
import type { Channel } from '../../shared/verifications.ts';
import type { OtpSettings } from '../core/config.ts';
import type { EventCause } from '../core/event-cause.ts';
import { decoyMask, maskOf } from '../core/otp-destinations.ts';
import { channelFits, type OtpPurpose } from '../core/otp-rules.ts';
import { fail } from '../core/result.ts';
import { parseTransaction, type SendOutcome, type VerificationRow } from '../core/verification-machine.ts';
import type { Env } from '../env.ts';
import type { Outgoing, Sent } from '../messenger/messenger.ts';
import { accountOf } from './stubs.ts';
import type { Refusal, SendFailure } from './verification-rows.ts';

export interface CodeSend {
  code: string;
  hash: Uint8Array;
  channel: Channel;
  destination: string | null;
  ip: string | null;
  settings: OtpSettings;
  switchTo?: { channel: Channel; masked: string };
  cause: EventCause;
}

/** What one code's send carries to the messenger (worker/messenger/messenger.ts). */
export function otpOutgoing(before: VerificationRow, send: CodeSend): Outgoing {
  return {
    channel: send.channel,
    to: send.destination,
    masked: send.switchTo?.masked ?? before.masked,
    message: {
      kind: 'otp',
      purpose: before.purpose as OtpPurpose,
      code: send.code,
      transaction: parseTransaction(before.transaction_json),
    },
    accountId: before.account_id,
    budget: JSON.parse(before.budget_keys) as string[],
    // An API key is capped as itself; its end user's IP (when it passed one) as any client's.
    client: { ip: send.ip, apiKey: before.owner.startsWith('key:') ? before.owner.slice(4) : null },
    detail: { verification: before.verification_id, purpose: before.purpose },
    cause: send.cause,
  };
}

/** How the messenger's send went, in the machine's words. */
export function outcomeOf(sent: Sent): SendOutcome {
  if (sent.ok) return sent.value.id === null ? 'withheld' : 'sent';
  return sent.reason === 'delivery_failed' ? 'failed' : 'refused';
}

/** The answer to a send: a refusal keeps the messenger's reason and when to retry. */
export function sendAnswer(sent: Sent): { ok: true } | Refusal<SendFailure> {
  if (sent.ok) return { ok: true };
  return sent.reason === 'delivery_failed'
    ? fail('delivery_failed')
    : { ...fail(sent.reason), retryAfterMs: sent.retryAfterMs };
}

/** Where the same account's code goes on another channel: its verified contact, or a decoy. */
export async function destinationFor(
  env: Env,
  row: VerificationRow,
  channel: Channel,
  settings: OtpSettings,
): Promise<{ destination: string | null; masked: string } | null> {
  if (row.purpose === 'enrol_phone') {
    return row.destination && channelFits(channel, row.destination)
      ? { destination: row.destination, masked: row.masked }
      : null;
  }
  const contact = row.account_id ? await accountOf(env, row.account_id).contactFor(channel) : null;
  if (contact) return { destination: contact, masked: maskOf(contact) };
  const masked = await decoyMask(env, row.subject, channel, settings.allowedCallingCodes[0] ?? '44');
  return { destination: null, masked };
}
