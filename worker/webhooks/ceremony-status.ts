/**
 * What each ceremony tells webhooks about itself: ids and its status only (never a code, a name,
 * a handle or a phone number). One builder per ceremony, used at its status changes.
 */
import type { CallRecord } from '../core/call-rules.ts';
import type { RecoveryRow } from '../objects/recovery-schema.ts';
import type { VerificationRow } from '../objects/verification-schema.ts';
import type { CeremonyStatus } from './emit.ts';

/** A verification: its purpose and channel, and the API key that started it (if one did). */
export const verificationStatus = (row: VerificationRow | undefined): CeremonyStatus | null =>
  row
    ? {
        kind: 'verification',
        id: row.verification_id,
        status: row.status,
        data: {
          purpose: row.purpose,
          channel: row.channel,
          api_key_id: row.owner.startsWith('key:') ? row.owner.slice(4) : null,
        },
      }
    : null;

/** A call: the agent's and the customer's account ids, and which code failed (if it did). */
export const callStatus = (call: CallRecord): CeremonyStatus => ({
  kind: 'call',
  id: call.callId,
  status: call.state,
  data: { agent_id: call.agentId, customer_id: call.customerId, failed_on: call.failedOn },
});

/** A recovery: the account being recovered (null when the handle or phone given was nobody's). */
export const recoveryStatus = (row: RecoveryRow | undefined): CeremonyStatus | null =>
  row ? { kind: 'recovery', id: row.recovery_id, status: row.state, data: { account_id: row.account_id } } : null;
