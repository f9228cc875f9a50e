/**
 * Two-way call verification as both sides see it: the states, each party's view, the live
 * messages. No zod here: the PWA imports this module at run time and must stay small.
 */

/** Where a call verification stands. The last five are final. */
export type CallState =
  | 'awaiting_customer'
  | 'customer_code_issued'
  | 'agent_code_issued'
  | 'verified'
  | 'declined'
  | 'failed'
  | 'canceled'
  | 'expired';

export const finalCallStates: readonly CallState[] = ['verified', 'declined', 'failed', 'canceled', 'expired'];

/** True when nothing more can happen to the call. */
export const isFinal = (state: CallState) => finalCallStates.includes(state);

/** A call verification as one of its two parties sees it (nobody else sees it at all). */
export interface CallView {
  id: string;
  you: 'agent' | 'customer';
  state: CallState;
  agent: { displayName: string; team: string | null };
  customer: { displayName: string; handle: string };
  startedAt: number;
  updatedAt: number;
  expiresAt: number;
  customerCodeTriesLeft: number;
  agentCodeTriesLeft: number;
  /** Which code ran out of tries, when the state is `failed`. */
  failedOn: 'customer_code' | 'agent_code' | null;
  reported: boolean;
}

/** One line of the "is the bank calling me now?" card. */
export interface CallSummary {
  id: string;
  state: CallState;
  agent: { displayName: string; team: string | null };
  startedAt: number;
  updatedAt: number;
  expiresAt: number;
}

/** Messages on the live sockets. */
export type LiveMessage = { type: 'call'; call: CallView } | { type: 'calls'; calls: CallSummary[] };

/** What a code check answers: a wrong code still leaves `triesLeft` tries (none: the call failed). */
export interface CodeCheck {
  outcome: 'matched' | 'mismatch';
  triesLeft: number;
  call: CallView;
}

/** A code grouped for reading aloud: `482915` → `482 915`. */
export function groupCode(code: string): string {
  return code.replace(/^(\d{3})(\d{3})$/, '$1 $2');
}
