/**
 * Starting a verification: finds the account and where its code may go, and answers the same way
 * whether or not anything is sent (DESIGN.md: unknown user, unknown phone and wrong code look
 * alike). Used by `/api/v1/verifications`, the agent's fallback and the sign-in step-up.
 */

import type { Context } from 'hono';
import type { ErrorCode } from '../../shared/errors.ts';
import type { FieldProblem } from '../../shared/field-messages.ts';
import { canonicalIp } from '../../shared/ip-address.ts';
import type { Transaction } from '../../shared/payee.ts';
import type { Channel, VerificationView } from '../../shared/verifications.ts';
import { canonicalDestination, decoyMask, maskOf } from '../core/otp-destinations.ts';
import { channelFits, type OtpPurpose } from '../core/otp-rules.ts';
import { readMobile } from '../core/phone.ts';
import { guardAllows } from '../messenger/guard.ts';
import type { VerificationStart } from '../objects/verification.ts';
import type { AppEnv } from './context.ts';
import { errorResponse } from './errors.ts';
import { handleOwner } from './handle-owners.ts';
import { refuse } from './refusals.ts';
import { accountById, accountByName } from './stubs.ts';

export interface VerificationRequest {
  purpose: OtpPurpose;
  channel: Channel;
  /** The account, by handle (as asked) or by id (already known: a session, a pending sign-in). */
  account?: { handle: string } | { id: string; handle: string };
  /** A destination as given by the caller (not yet parsed). */
  to?: string;
  transaction: Transaction | null;
  owner: string;
  /** For an API-key caller: the end user's IP it passed (`rate_limits.end_user_ip_address`), if any. */
  endUserIp?: string;
  /**
   * Staff only (the agent's fallback): an account without a destination is refused in so
   * many words instead of answered with a decoy. Staff are signed in and their look-ups audited.
   */
  truthful?: true;
}

/**
 * The client IP a send is capped by: the request's own, except for an API key, whose requests come
 * from the bank's servers; a key is capped as itself (the messenger's `key:` budget) and by the end
 * user's IP when it passes one.
 */
export function clientIpOf(c: Context<AppEnv>, endUserIp: string | undefined): string | null {
  if (c.get('caller')?.kind !== 'key') return c.var.requestContext.ip;
  return endUserIp === undefined ? null : canonicalIp(endUserIp);
}

/** An error answer as the typed client sees it (the 502 also carries `verification`). */
export type ErrorReply = ReturnType<typeof errorResponse>;

export type Started =
  | { ok: true; view: VerificationView }
  | { ok: false; response: ErrorReply; view?: VerificationView };

/** Starts the verification, or answers with the error to send back. */
export async function startVerification(c: Context<AppEnv>, request: VerificationRequest): Promise<Started> {
  const prepared = await prepareStart(c, request);
  return prepared.ok ? launchStart(c, prepared.input) : prepared;
}

/** What a start needs before its Verification object exists: refused here, or ready to launch. */
export type Prepared = { ok: true; input: VerificationStart } | { ok: false; response: ErrorReply };

/**
 * Finds the account and where its code may go (reads only: nothing is written or counted here,
 * so a caller may run it at once with another independent call).
 */
export async function prepareStart(c: Context<AppEnv>, request: VerificationRequest): Promise<Prepared> {
  const otp = c.var.settings.otp;
  const refuseUp = (code: ErrorCode, fields?: Record<string, FieldProblem>): Prepared => ({
    ok: false,
    response: errorResponse(c, code, fields),
  });

  let to: string | null = null;
  if (request.to !== undefined) {
    // A text to a number typed by a person: say what is wrong with it (the calling-code guard
    // below keeps its own answer, destination_not_allowed).
    if (request.channel === 'sms' && !request.to.includes('@')) {
      const read = readMobile(request.to, otp.allowedCallingCodes);
      if (!read.ok && read.problem !== 'not_allowed') return refuseUp('invalid_input', { to: read.field });
    }
    to = canonicalDestination(request.to);
    if (!to) return refuseUp('invalid_input', { to: { text: 'destination_format' } });
    if (!channelFits(request.channel, to)) {
      return refuseUp('invalid_input', { channel: { text: 'channel_fits' } });
    }
    // The SMS-pumping guard, before anything else: it depends only on the number asked for.
    if (!guardAllows(request.channel, to, otp.allowedCallingCodes)) return refuseUp('destination_not_allowed');
  }

  const accountId = await resolveAccount(c, request.account, to);
  const account = accountId ? accountById(c.env, accountId) : null;
  const subject = request.account?.handle ?? to ?? '';
  // The account's own checks and its contact are independent reads: asked at once.
  const [payeeKnown, changeAllowed, contact] = await Promise.all([
    // Payments go only to payees the account approved, whoever starts the code (session or API key);
    // the Account refuses the payment again when the code is approved, whatever a route did.
    request.purpose === 'payment'
      ? request.transaction !== null && (account?.knowsPayee(request.transaction.payee) ?? false)
      : true,
    // A verified phone or e-mail is replaced only after the holder's fresh passkey assertion.
    request.purpose === 'enrol_phone' && account && to
      ? account.contactChangeAllowed(to.includes('@') ? 'email' : 'phone', to)
      : true,
    // Asked of a stand-in when there is no account, so that both make the same object calls.
    request.purpose === 'enrol_phone' ? null : (account ?? noAccount(c)).contactFor(request.channel),
  ]);
  if (!payeeKnown) return refuseUp('payee_unknown');
  if (!changeAllowed) return refuseUp('fresh_assertion_required');
  let destination: string | null;
  let masked: string;
  if (request.purpose === 'enrol_phone') {
    // A new phone or address for a known account; the code proves the holder has it.
    destination = account ? to : null;
    masked = maskOf(to as string);
  } else if (to) {
    // Only to the account's own verified destination; any other gets the same answer and nothing.
    destination = contact === to ? to : null;
    masked = maskOf(to);
  } else {
    if (request.truthful && !account) return refuseUp('customer_not_found');
    if (request.truthful && !contact) return refuseUp('customer_no_phone');
    destination = contact;
    masked = contact
      ? maskOf(contact)
      : await decoyMask(c.env, subject, request.channel, otp.allowedCallingCodes[0] ?? '44');
  }
  const budgetKeys = [`account:${subject}`];
  const countedTo = to ?? destination;
  if (countedTo) budgetKeys.push(`to:${countedTo}`);

  return {
    ok: true,
    input: {
      purpose: request.purpose,
      channel: request.channel,
      destination,
      masked,
      accountId,
      owner: request.owner,
      subject,
      budgetKeys,
      ip: clientIpOf(c, request.endUserIp),
      transaction: request.transaction,
    },
  };
}

/** Creates the Verification object, which sends through the messenger; maps its answer to the wire. */
export async function launchStart(c: Context<AppEnv>, input: VerificationStart): Promise<Started> {
  const started = await c.env.VERIFICATION.get(c.env.VERIFICATION.newUniqueId()).start(input);
  if (started.ok) return { ok: true, view: started.value };
  // The verification may stand (a provider failure): the caller may resend or switch channel.
  const response = refuse(c, 'send', started.reason, {
    retryAfterMs: started.retryAfterMs,
    with: started.view ? { verification: started.view } : undefined,
  }) as unknown as ErrorReply;
  return started.view ? { ok: false, view: started.view, response } : { ok: false, response };
}

/** An Account object that never has a profile: what an unknown account's lookups are asked of. */
const noAccount = (c: Context<AppEnv>) => accountByName(c.env, 'messenger:no-account');

async function resolveAccount(
  c: Context<AppEnv>,
  account: VerificationRequest['account'],
  to: string | null,
): Promise<string | null> {
  if (account && 'id' in account) return account.id;
  if (account) return handleOwner(c, account.handle);
  if (!to) return null;
  const kind = to.includes('@') ? 'email' : 'phone';
  return c.env.CONTACT_INDEX.get(c.env.CONTACT_INDEX.idFromName(`${kind}:${to}`)).holder();
}
