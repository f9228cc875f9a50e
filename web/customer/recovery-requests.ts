/**
 * The signed-in side of someone's recovery: recoveries of this account under way (the owner may
 * cancel them), and requests from people who named this customer as a trusted contact.
 */
import { client, unwrap } from '../api.ts';
import { approvalAssertion } from './fresh-passkey.ts';

export const loadOwnRecoveries = async () => (await unwrap(client.api.me.recoveries.$get())).recoveries;
export type OwnRecovery = Awaited<ReturnType<typeof loadOwnRecoveries>>[number];

export const loadHelpRequests = async () => (await unwrap(client.api.me['recovery-requests'].$get())).requests;
export type HelpRequest = Awaited<ReturnType<typeof loadHelpRequests>>[number];

/** "It is not me": the owner stops a recovery of their account. */
export const cancelRecovery = (id: string) => unwrap(client.api.me.recoveries[':id'].cancel.$post({ param: { id } }));

/** The contact approves with their own passkey; it counts as their code. */
export async function approveHelpRequest(recoveryId: string) {
  const proof = await approvalAssertion(recoveryId);
  return unwrap(client.api.me['recovery-requests'][':id'].approve.$post({ param: { id: recoveryId }, json: proof }));
}

/** "They did not ask me": aborts the recovery and records an incident. */
export const declineHelpRequest = (recoveryId: string) =>
  unwrap(client.api.me['recovery-requests'][':id'].decline.$post({ param: { id: recoveryId } }));
