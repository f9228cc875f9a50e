/**
 * The holder's lock of their account ("This wasn't me" → "Lock my account"), as the API answers
 * it: while locked nothing is paid, added or changed and no code is sent for the account, until
 * the bank unlocks it after a verified call.
 */

/** The lock, as the holder's app and the agent on a verified call see it (null: not locked). */
export interface LockView {
  lockedAt: number;
}
