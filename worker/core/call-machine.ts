/**
 * The two-way call verification as a pure machine, on the rules of call-rules.ts: the call + an
 * event (a party's action, a code check and whether it matched, the alarm) + now → the change to
 * write, the audit event both accounts log, the incident to record, and the answer. The object
 * (worker/objects/call-verification.ts) keeps storage, hashing, passkeys, sockets and the accounts.
 */
import { isFinal } from '../../shared/calls.ts';
import type { CallAuditType } from './account-rules.ts';
import {
  allows,
  type CallAction,
  type CallCode,
  type CallRecord,
  type CodeLimits,
  failsAfter,
  mayTry,
  type Party,
  partyOf,
} from './call-rules.ts';
import { fail, ok, type Result } from './result.ts';

/** Incidents a call records (the IncidentLog's kinds that come from a call). */
export type CallIncident = 'customer_denied_call' | 'call_failed' | 'call_reported';

/** A step of the call: what changes, what both accounts log, for whom the answer is, and any incident. */
export interface CallTransition {
  change: Partial<CallRecord>;
  event: CallAuditType;
  /** Whose view answers; null for the alarm (nobody asked). */
  party: Party | null;
  detail?: Record<string, string>;
  /** Recorded after the step is announced, or `before` it (a report: the incident comes first). */
  incident?: { kind: CallIncident; before?: true };
}

const accountIdPattern = /^[0-9a-f]{64}$/;

/** A start's parties checked as if they came from the internet: two different, well-formed accounts. */
export function validCallStart(input: {
  agent: { id: string; displayName: string; team: string | null };
  customer: { id: string; displayName: string; handle: string };
}): boolean {
  const { agent, customer } = input ?? {};
  return (
    accountIdPattern.test(agent?.id) &&
    accountIdPattern.test(customer?.id) &&
    agent.id !== customer.id &&
    typeof agent.displayName === 'string' &&
    typeof customer.displayName === 'string' &&
    typeof customer.handle === 'string'
  );
}

/** The call and the side of it an account is on; nobody else learns the call exists. */
export function partyCall(
  call: CallRecord | null,
  accountId: string,
): Result<{ call: CallRecord; party: Party }, 'not_found'> {
  const party = call && typeof accountId === 'string' ? partyOf(call, accountId) : null;
  if (!call || !party) return fail('not_found');
  return ok({ call, party });
}

/** The call, if `accountId` is the party that may take `action` now (and it has not run out of time). */
export function act(
  call: CallRecord | null,
  accountId: string,
  party: Party,
  action: CallAction,
  at: number,
): Result<CallRecord, 'not_found' | 'wrong_state'> {
  const found = partyCall(call, accountId);
  if (!found.ok || found.value.party !== party) return fail('not_found');
  if (!allows(found.value.call, action) || at >= found.value.call.expiresAt) return fail('wrong_state');
  return ok(found.value.call);
}

/** The column of a code's try counter. */
export const triesColumn = (which: CallCode) =>
  which === 'customer_code' ? 'customer_code_tries' : 'agent_code_tries';

/**
 * A check of `which` may start: it is counted before anything is awaited, so that concurrent
 * checks cannot overshoot the limit (PSD2 RTS art. 4: at most five tries per code; the agent's
 * code fewer, call-rules.ts). Answers the call with the try counted.
 */
export function countTry(
  call: CallRecord | null,
  accountId: string,
  which: CallCode,
  limits: CodeLimits,
  at: number,
): Result<CallRecord, 'not_found' | 'wrong_state'> {
  const [party, action] =
    which === 'customer_code' ? (['agent', 'checkCustomerCode'] as const) : (['customer', 'checkAgentCode'] as const);
  const found = act(call, accountId, party, action, at);
  if (!found.ok) return found;
  if (!mayTry(found.value, which, limits)) return fail('wrong_state');
  const counted =
    which === 'customer_code'
      ? { customerCodeTries: found.value.customerCodeTries + 1 }
      : { agentCodeTries: found.value.agentCodeTries + 1 };
  return ok({ ...found.value, ...counted });
}

/** The customer declined: final, and an incident (someone may be calling the bank as them). */
export const declined: CallTransition = {
  change: { state: 'declined' },
  event: 'call_declined',
  party: 'customer',
  incident: { kind: 'customer_denied_call' },
};

/** The customer confirmed with a passkey: their code exists (only its hash is kept). */
export const confirmed = (customerCodeHash: Uint8Array): CallTransition => ({
  change: { state: 'customer_code_issued', customerCodeHash },
  event: 'call_confirmed',
  party: 'customer',
});

/**
 * The customer's code matched: it is spent and the state moves on before the agent's code is
 * hashed (until that hash is written no agent code can match: there is none yet).
 */
export const customerCodeClaimed: Partial<CallRecord> = { state: 'agent_code_issued', customerCodeHash: null };

/** The agent's code, once hashed, is the call's next step. */
export const agentCodeIssued = (agentCodeHash: Uint8Array): CallTransition => ({
  change: { agentCodeHash },
  event: 'call_code_matched',
  party: 'agent',
  detail: { code: 'customer' },
});

/** The agent's code matched: verified on both screens. */
export const verified: CallTransition = {
  change: { state: 'verified', agentCodeHash: null },
  event: 'call_verified',
  party: 'customer',
};

export const canceled: CallTransition = { change: { state: 'canceled' }, event: 'call_canceled', party: 'agent' };

export const reported: CallTransition = {
  change: { reported: true },
  event: 'call_reported',
  party: 'customer',
  incident: { kind: 'call_reported', before: true },
};

/** The alarm: a call still going expires (both screens are told); an ended one is only deleted. */
export const expiry = (call: CallRecord | null): CallTransition | null =>
  call && !isFinal(call.state) ? { change: { state: 'expired' }, event: 'call_expired', party: null } : null;

/**
 * A wrong code: one try gone. The last wrong try (codeLimits) fails the call, forgets both codes and
 * records an incident; one before it is only counted, shown on both screens and remembered for the
 * accounts' logs with the call's next step (`wrong`), so the check stays one write.
 */
export function wrongCode(
  call: CallRecord,
  which: CallCode,
  party: Party,
  limits: CodeLimits,
): { fails: true; transition: CallTransition } | { fails: false; wrong: number } {
  const wrong = (which === 'customer_code' ? call.customerCodeWrong : call.agentCodeWrong) + 1;
  if (!failsAfter(wrong, which, limits)) return { fails: false, wrong };
  const counter = which === 'customer_code' ? { customerCodeWrong: wrong } : { agentCodeWrong: wrong };
  return {
    fails: true,
    transition: {
      change: { ...counter, state: 'failed', failedOn: which, customerCodeHash: null, agentCodeHash: null },
      event: 'call_failed',
      party,
      detail: { code: which },
      incident: { kind: 'call_failed' },
    },
  };
}

/** Whether a step ends the call (its passkey challenge is then forgotten). */
export const ends = (before: CallRecord, after: CallRecord) => after.state !== before.state && isFinal(after.state);
