/** Rules and messages of trusted-contact recovery (issue 5) that do not depend on storage. */

/** The contacts needed: the configured quorum, never below 2 and never above the contacts named. */
export function effectiveQuorum(configured: number, contacts: number): number {
  return Math.max(2, Math.min(Math.round(configured), contacts));
}

/** The SMS a person gets when someone names them a trusted contact. */
export function nominationMessage(holder: string): string {
  return `${holder} named you as a trusted contact for their Countersign account. If they ever ask you for a Countersign code, first check it is really them: call them back on a number you know, or see them. Only then share the code.`;
}

/** The SMS with a contact's recovery code, and the way to say "they did not ask me". */
export function contactCodeMessage(holder: string, code: string, abortUrl: string): string {
  return `${holder} asked you for a code to get back into their Countersign account. First check it is really them: call them back on a number you know, or see them. Code ${code}. If they did not ask you, open ${abortUrl}`;
}

/** The SMS each contact gets when the quorum is reached. */
export function quorumMessage(holder: string, readyAt: number, abortUrl: string): string {
  const when = readyAt > Date.now() ? `on ${new Date(readyAt).toUTCString()}` : 'now';
  return `${holder}'s Countersign account can be recovered ${when} with their trusted contacts' codes. If they did not ask you for a code, open ${abortUrl} to stop it.`;
}

/** The SMS to the account's own phone when its contacts change. */
export function contactsChangedMessage(what: string): string {
  return `Your Countersign trusted contacts changed: ${what}. If this was not you, open the app now and check your account.`;
}

/** The link a contact opens to abort a recovery (the token rides in the fragment: never logged). */
export function abortUrl(origin: string, recoveryId: string, token: string): string {
  return `${origin}/recovery/abort#r=${recoveryId}&t=${token}`;
}
