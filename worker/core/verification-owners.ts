/**
 * Who may use a Verification: the owner string it was started for. Routes and objects both name
 * owners, so the names live here (pure code), not in an object file a route would have to import.
 */

/** The owner of a step-up code's verification: only the account's pending sign-in may use it. */
export const stepUpOwner = (accountId: string) => `sign_in:${accountId}`;

/** The owner of a recovery's phone code: only that recovery may use it. */
export const recoveryOwner = (recoveryId: string) => `recovery:${recoveryId}`;
