/**
 * What an approved or ended Verification does to its account: the approval's effect (phone
 * verified, payee added, payment approved), and the account's audit event of the end.
 */
import { now } from '../core/clock.ts';
import { errorText, log } from '../core/log.ts';
import type { OtpPurpose } from '../core/otp-rules.ts';
import { effectOf, effectRetryMs, type OtpEndAudit, type VerificationRow } from '../core/verification-machine.ts';
import type { Env } from '../env.ts';
import type { MessageAuditType } from '../messenger/messenger.ts';
import { accountOf } from './stubs.ts';
import type { VerificationStore } from './verification-store.ts';

export type OtpAuditType = MessageAuditType | OtpEndAudit;

/** Applies a pending approval to the account, once; on failure the alarm retries it. */
export async function applyEffect(env: Env, storage: DurableObjectStorage, store: VerificationStore): Promise<void> {
  const row = store.row();
  if (!row?.effect_pending || !row.account_id) return;
  const account = accountOf(env, row.account_id);
  const effect = effectOf(row);
  try {
    if (effect?.kind === 'confirm_contact') await account.confirmContact(effect.destination, row.verification_id);
    else if (effect?.kind === 'add_payee') await account.addPayee(effect.transaction.payee, row.verification_id);
    else if (effect?.kind === 'record_payment') {
      await account.recordPayment(effect.transaction, 'code', row.verification_id);
    }
    store.write({ set: { effect_pending: 0 } });
  } catch (error) {
    log('error', 'approval_not_applied', {
      verification: row.verification_id,
      error: errorText(error),
      retry: 'alarm',
    });
    await storage.setAlarm(now() + effectRetryMs);
  }
}

/**
 * Whether a code for `purpose` may start for this account: its lock says (account/lock.ts, the
 * one check). Asked of the messenger's stand-in when there is no account, so that a code for
 * nobody makes the same calls as a real one.
 */
export async function codeAllowed(env: Env, accountId: string | null, purpose: OtpPurpose): Promise<boolean> {
  const ns = env.ACCOUNT;
  return ns.get(accountId ? ns.idFromString(accountId) : ns.idFromName('messenger:no-account')).codeAllowed(purpose);
}

/** Records the end in the account's audit log (a verification of nobody's account has none). */
export async function auditEnd(
  env: Env,
  row: VerificationRow,
  type: OtpEndAudit,
  detail: Record<string, string | number>,
): Promise<void> {
  if (!row.account_id) return;
  try {
    await accountOf(env, row.account_id).recordVerificationEvent(type, {
      verification: row.verification_id,
      purpose: row.purpose,
      ...detail,
    });
  } catch (error) {
    log('error', 'audit_not_recorded', { type, error: errorText(error) });
  }
}
