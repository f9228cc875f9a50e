/** Rules of the two-way call verification that do not depend on storage. */
import type { CallState, CallSummary, CallView } from '../../shared/calls.ts';

/** PSD2 RTS art. 4 and Twilio Verify's default: a code allows at most five tries. */
export const maxCodeTries = 5;

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
  failedOn: 'customer_code' | 'agent_code' | null;
  reported: boolean;
}

export type Party = 'agent' | 'customer';

/** Which side of the call an account is on, or null: nobody else learns the call exists. */
export function partyOf(call: CallRecord, accountId: string): Party | null {
  if (accountId === call.agentId) return 'agent';
  if (accountId === call.customerId) return 'customer';
  return null;
}

/** The call as `party` sees it. */
export function viewFor(call: CallRecord, party: Party): CallView {
  return {
    id: call.callId,
    you: party,
    state: call.state,
    agent: { displayName: call.agentName, team: call.agentTeam },
    customer: { displayName: call.customerName, handle: call.customerHandle },
    startedAt: call.startedAt,
    updatedAt: call.updatedAt,
    expiresAt: call.expiresAt,
    customerCodeTriesLeft: Math.max(0, maxCodeTries - call.customerCodeTries),
    agentCodeTriesLeft: Math.max(0, maxCodeTries - call.agentCodeTries),
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
