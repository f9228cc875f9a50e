/** Rules and messages of trusted-contact recovery that do not depend on storage. */

/** The contacts needed: the configured quorum, never below 2 and never above the contacts named. */
export function effectiveQuorum(configured: number, contacts: number): number {
  return Math.max(2, Math.min(Math.round(configured), contacts));
}
