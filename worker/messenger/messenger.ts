/**
 * The messenger: the only code that reaches a delivery provider (DESIGN.md: every message goes through
 * one messenger). Every message, whatever sends it, passes here in this order, once:
 *
 * 1. the template (templates.ts): typed parameters, no free text as written, in the language of the
 *    account the message is for (`accountId`: the holder's, for a trusted contact), else English;
 * 2. the calling-code guard (SMS pumping): SMS and voice only to the allowed country calling codes;
 * 3. the send caps (limits.ts): per destination, per account, per client IP or API key;
 * 4. the provider (delivery/, whose adapters retry a 5xx or a timeout once), or, for a withheld
 *    send, a decoy wait as long as a real send takes (decoy-timing.ts);
 * 5. the audit event on the account's log (or the same call to a stand-in when there is no account,
 *    so that real and withheld sends make the same object calls).
 */
import type { Language } from '../../shared/language.ts';
import type { Channel } from '../../shared/verifications.ts';
import { now } from '../core/clock.ts';
import { readSettings } from '../core/config.ts';
import type { EventCause } from '../core/event-cause.ts';
import { errorText, log } from '../core/log.ts';
import { channelFits } from '../core/otp-rules.ts';
import { randomFraction } from '../core/random.ts';
import { fail, ok } from '../core/result.ts';
import { providerFromEnv } from '../delivery/provider.ts';
import type { Env } from '../env.ts';
import { takeBudgets } from './budget.ts';
import { decoyClock, sendTimer } from './decoy-timing.ts';
import { guardAllows } from './guard.ts';
import { messengerLimits } from './limits.ts';
import { type Message, render } from './templates.ts';

export interface Outgoing {
  channel: Channel;
  /** E.164 or an e-mail address; null when nothing may go (everything else happens as for a real send). */
  to: string | null;
  /** The destination as the audit log shows it (`+44 •••• ••• 789`). */
  masked: string;
  message: Message;
  /** Whose audit log records the message; null when it is nobody's (an unknown account). */
  accountId: string | null;
  /** SendBudget names besides the destination and the client: `account:<subject>` or `notices:<id>`. */
  budget: string[];
  /** Who asked: the client's IP (for an API key, the end user's IP it passed, if any) and the API key. */
  client: { ip: string | null; apiKey: string | null };
  /** What the audit event adds (the verification, its purpose). */
  detail?: Record<string, string | number>;
  /** The request (or alarm) the message is sent for: its audit event names it (event-cause.ts). */
  cause: EventCause;
}

export type MessengerRefusal =
  | 'invalid'
  | 'destination_not_allowed'
  | 'rate_limited'
  | 'not_configured'
  | 'delivery_failed';

export type Sent =
  | { ok: true; value: { id: string | null } }
  | { ok: false; reason: MessengerRefusal; retryAfterMs?: number; message?: string };

/** Where an audit event goes when there is no account: an Account object that never has a profile. */
const standInAccount = 'messenger:no-account';

/** Sends one message, or withholds it alike; never throws. */
export async function sendMessage(env: Env, out: Outgoing): Promise<Sent> {
  if (!out?.message || !['sms', 'call', 'email'].includes(out.channel)) return fail('invalid');
  const limits = messengerLimits(env);
  const { origin, rpId, bank } = readSettings(env);
  const language = await languageOf(env, out.accountId);
  const text = render(out.message, { origin, rpId, bankName: bank.name, language });
  if (!text) return fail('invalid');
  if (out.to !== null) {
    if (typeof out.to !== 'string' || !channelFits(out.channel, out.to)) return fail('invalid');
    // The SMS-pumping guard, before any cap is spent.
    if (!guardAllows(out.channel, out.to, limits.otp.allowedCallingCodes)) {
      return fail('destination_not_allowed');
    }
  }
  // Checked on both paths, so that a withheld send answers as a real one would.
  const provider = providerFromEnv(env, bank.name);
  if (!provider) return fail('not_configured');

  const names = [...(Array.isArray(out.budget) ? out.budget : [])];
  // Codes and notices are counted per destination apart: a flood of codes to the account's phone must
  // not silence the announcement of a change (nor notices use up the codes a customer needs).
  if (out.to !== null) names.push(`${out.message.kind === 'otp' ? 'to' : 'notice-to'}:${out.to}`);
  if (out.client?.ip) names.push(`ip:${out.client.ip}`);
  if (out.client?.apiKey) names.push(`key:${out.client.apiKey}`);
  const budget = await takeBudgets(env.SEND_BUDGET, names, limits);
  if (!budget.ok) return { ...fail('rate_limited'), retryAfterMs: budget.retryAfterMs };

  const isCode = out.message.kind === 'otp';
  if (out.to === null) {
    await decoyClock.pause(sendTimer.padding(randomFraction()));
    await audit(env, out, isCode ? 'otp_withheld' : 'message_withheld');
    return ok({ id: null });
  }
  const started = now();
  // The adapters retry a 5xx or a timeout once (delivery/http.ts); a provider that throws is unavailable.
  const delivery = await provider
    .send(out.channel, out.to, text)
    .catch((error: unknown) => ({ ok: false as const, reason: 'unavailable' as const, message: String(error) }));
  sendTimer.note(now() - started);
  if (!delivery.ok) {
    await audit(env, out, isCode ? 'otp_send_failed' : 'message_send_failed', { reason: delivery.reason });
    return { ...fail('delivery_failed'), message: `${delivery.reason}: ${delivery.message ?? ''}`.slice(0, 300) };
  }
  await audit(env, out, isCode ? 'otp_sent' : 'message_sent');
  return ok({ id: delivery.value.id });
}

export type MessageAuditType =
  | 'otp_sent'
  | 'otp_send_failed'
  | 'otp_withheld'
  | 'message_sent'
  | 'message_send_failed'
  | 'message_withheld';

/** The account object a message is recorded on: its own, or the stand-in when it is nobody's. */
function accountObjectId(env: Env, accountId: string | null): DurableObjectId {
  const ns = env.ACCOUNT;
  try {
    return accountId ? ns.idFromString(accountId) : ns.idFromName(standInAccount);
  } catch {
    return ns.idFromName(standInAccount);
  }
}

/**
 * The language of the account a message is for (English when it has none or cannot be read). Asked
 * of the stand-in too when there is no account, so a withheld send makes the same calls as a real one.
 */
async function languageOf(env: Env, accountId: string | null): Promise<Language> {
  try {
    return (await env.ACCOUNT.get(accountObjectId(env, accountId)).language()) ?? 'en';
  } catch (error) {
    log('warn', 'language_not_read', { error: errorText(error) });
    return 'en';
  }
}

async function audit(env: Env, out: Outgoing, type: MessageAuditType, extra: Record<string, string> = {}) {
  const ns = env.ACCOUNT;
  const id = accountObjectId(env, out.accountId);
  const kind: Record<string, string> = out.message.kind === 'otp' ? {} : { kind: out.message.kind };
  try {
    await ns
      .get(id)
      .recordVerificationEvent(
        type,
        { ...out.detail, ...kind, channel: out.channel, to: out.masked, ...extra },
        out.cause,
      );
  } catch (error) {
    log('error', 'audit_not_recorded', { type, error: errorText(error) });
  }
}
