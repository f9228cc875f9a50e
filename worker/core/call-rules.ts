/** Rules of the two-way call verification that do not depend on storage. */
import type { CallState, CallSummary, CallView } from '../../shared/calls.ts';
import type { Settings } from './config.ts';

/** PSD2 RTS art. 4 and Twilio Verify's default: a code allows at most five tries. */
export const maxCodeTries = 5;

/** Which of the call's two codes. */
export type CallCode = 'customer_code' | 'agent_code';

/** Tries each code of a call allows. */
export type CodeLimits = Record<CallCode, number>;

/**
 * The customer's code keeps the five tries of PSD2 RTS art. 4; the agent's code, which the
 * customer types while someone on the line may coach "just try again", has CALL_AGENT_CODE_TRIES
 * (default 3, never more than five).
 */
export function codeLimits(settings: Pick<Settings, 'callAgentCodeTries'>): CodeLimits {
  return { customer_code: maxCodeTries, agent_code: Math.min(maxCodeTries, settings.callAgentCodeTries) };
}

/** Whether one more check of `which` may start: every check counts, before it is awaited. */
export function mayTry(call: CallRecord, which: CallCode, limits: CodeLimits): boolean {
  return (which === 'customer_code' ? call.customerCodeTries : call.agentCodeTries) < limits[which];
}

/** Whether this many wrong codes of `which` fail the call (the right code then fails too). */
export function failsAfter(wrong: number, which: CallCode, limits: CodeLimits): boolean {
  return wrong >= limits[which];
}

/** A call as stored: both parties, both codes' hashes and counters. */
export interface CallRecord {
  callId: string;
  state: CallState;
  agentId: string;
  agentName: string;
  agentTeam: string | null;
  customerId: string;
  customerName: string;
  customerHandle: string;
  startedAt: number;
  updatedAt: number;
  expiresAt: number;
  customerCodeHash: Uint8Array | null;
  /** Checks of the customer's code started (counted before any await). */
  customerCodeTries: number;
  customerCodeWrong: number;
  agentCodeHash: Uint8Array | null;
  agentCodeTries: number;
  agentCodeWrong: number;
  failedOn: CallCode | null;
  reported: boolean;
}

export type Party = 'agent' | 'customer';

/**
 * Whether this call may unlock its customer's account (account/lock.ts): only once verified both
 * ways, and only while the call lasts (a verified call is deleted at its expiry).
 */
export function unlockable(call: CallRecord, at: number): boolean {
  return call.state === 'verified' && at < call.expiresAt;
}

/** Which side of the call an account is on, or null: nobody else learns the call exists. */
export function partyOf(call: CallRecord, accountId: string): Party | null {
  if (accountId === call.agentId) return 'agent';
  if (accountId === call.customerId) return 'customer';
  return null;
}

/** The call as `party` sees it, with the tries each code has left under `limits`. */
export function viewFor(call: CallRecord, party: Party, limits: CodeLimits): CallView {
  return {
    id: call.callId,
    you: party,
    state: call.state,
    agent: { displayName: call.agentName, team: call.agentTeam },
    customer: { displayName: call.customerName, handle: call.customerHandle },
    startedAt: call.startedAt,
    updatedAt: call.updatedAt,
    expiresAt: call.expiresAt,
    customerCodeTriesLeft: Math.max(0, limits.customer_code - call.customerCodeTries),
    agentCodeTriesLeft: Math.max(0, limits.agent_code - call.agentCodeTries),
    failedOn: call.failedOn,
    reported: call.reported,
  };
}

/** The call as it appears on an account's card. */
export function summaryOf(call: CallRecord): CallSummary {
  return {
    id: call.callId,
    state: call.state,
    agent: { displayName: call.agentName, team: call.agentTeam },
    startedAt: call.startedAt,
    updatedAt: call.updatedAt,
    expiresAt: call.expiresAt,
  };
}

/** Which state each party's actions need. */
export const actionNeeds = {
  decline: ['awaiting_customer'],
  confirm: ['awaiting_customer', 'customer_code_issued'],
  checkCustomerCode: ['customer_code_issued'],
  reissueAgentCode: ['agent_code_issued'],
  checkAgentCode: ['agent_code_issued'],
  cancel: ['awaiting_customer', 'customer_code_issued', 'agent_code_issued'],
} as const satisfies Record<string, readonly CallState[]>;

export type CallAction = keyof typeof actionNeeds;

/** Whether the call's state allows the action. */
export function allows(call: CallRecord, action: CallAction): boolean {
  return (actionNeeds[action] as readonly CallState[]).includes(call.state);
}
