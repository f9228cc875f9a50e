/**
 * Payees, payments and aggregators (rows in banking-rows.ts, docs/storage.md). A payee is added
 * and a payment recorded only with the proof of the ceremony that approved exactly it (DESIGN.md:
 * every effect carries its proof), asked of that ceremony here, whoever calls.
 */
import { canonicalTransaction, type Transaction } from '../../../shared/payee.ts';
import type { AccountView, RequestContext } from '../../core/account-rules.ts';
import { now } from '../../core/clock.ts';
import type { AccountAudit } from './audit.ts';
import {
  type ConsentView,
  checkedTransaction,
  consents,
  deletePayee,
  hasPayee,
  insertPayee,
  insertPayment,
  type PayeeView,
  type PaymentView,
  payees,
  payments,
} from './banking-rows.ts';
import { profileView } from './profile.ts';
import type { AccountProofs } from './proofs.ts';
import type { AccountStorage } from './storage.ts';

export class Banking {
  readonly #storage: AccountStorage;
  readonly #audit: AccountAudit;
  readonly #proofs: AccountProofs;

  constructor(storage: AccountStorage, audit: AccountAudit, proofs: AccountProofs) {
    this.#storage = storage;
    this.#audit = audit;
    this.#proofs = proofs;
  }

  /** Adds a payee an approved add_payee code names: the Verification is asked that it approved this payee. */
  async addPayee(payee: unknown, verificationId: string): Promise<PayeeView | null> {
    const account = profileView(this.#storage.sql);
    const checked = checkedTransaction({ payee });
    if (!account || !checked || typeof verificationId !== 'string') return null;
    const proof = await this.#proofs.verification('payee_added', verificationId, 'add_payee');
    if (!proof.ok && proof.reason === 'account_locked') return null;
    const effect = proof.ok ? proof.value : null;
    if (
      !effect?.transaction ||
      canonicalTransaction({ payee: effect.transaction.payee }) !== canonicalTransaction(checked)
    ) {
      this.#audit.append('effect_refused', { effect: 'payee_added', reason: 'no_approval' });
      return null;
    }
    return this.#storage.transactionSync(() => {
      const added = insertPayee(this.#storage.sql, checked.payee, verificationId, now());
      if (added)
        this.#audit.append('payee_added', {
          payee: added.name,
          account: added.account.slice(-4),
          verification: verificationId,
        });
      return added;
    });
  }

  payees(): PayeeView[] {
    return payees(this.#storage.sql);
  }

  removePayee(payeeId: string, context: RequestContext): boolean {
    return this.#storage.transactionSync(() => {
      const removed = deletePayee(this.#storage.sql, String(payeeId));
      if (removed)
        this.#audit.append('payee_removed', { payee: removed.name, account: removed.account.slice(-4), ...context });
      return removed !== null;
    });
  }

  /** Whether a payee is on the approved list (payments go only to approved payees). */
  knowsPayee(payee: unknown): boolean {
    const checked = checkedTransaction({ payee });
    return checked !== null && hasPayee(this.#storage.sql, checked.payee);
  }

  /**
   * Records a payment approved by a code (`reference`: its Verification) or a passkey (its
   * PasskeyChallenge). Only to an approved payee, and only what that ceremony approved, once.
   */
  async recordPayment(
    transaction: unknown,
    method: 'code' | 'passkey',
    reference: string,
  ): Promise<PaymentView | null | 'account_locked'> {
    const account = profileView(this.#storage.sql);
    const checked = checkedTransaction(transaction);
    if (!account || !checked?.amount || (method !== 'code' && method !== 'passkey') || typeof reference !== 'string') {
      return null;
    }
    const refuse = (reason: string) => {
      this.#audit.append('effect_refused', { effect: 'payment_approved', reason, method });
      return null;
    };
    if (!hasPayee(this.#storage.sql, checked.payee)) return refuse('payee_unknown');
    const approved = await this.#approvedPayment(method, reference);
    if (approved === 'account_locked') return approved;
    if (!approved || canonicalTransaction(approved) !== canonicalTransaction(checked)) return refuse('no_approval');
    return this.#storage.transactionSync(() => {
      const payment = insertPayment(this.#storage.sql, checked, method, reference.slice(0, 128), now());
      if (payment) {
        this.#audit.append('payment_approved', {
          payee: payment.payee.name,
          account: payment.payee.account.slice(-4),
          amount: `${payment.amount.value} ${payment.amount.currency}`,
          method,
        });
      }
      return payment;
    });
  }

  /**
   * The customer answered "yes" to "has anyone asked you to make this payment or told you what to
   * say?": nothing is paid, and the stop is kept in the audit log (a sign of a scam in progress).
   */
  recordPaymentStopped(transaction: unknown, context: RequestContext): boolean {
    const checked = checkedTransaction(transaction);
    if (!profileView(this.#storage.sql) || !checked?.amount) return false;
    this.#audit.append('payment_stopped', {
      reason: 'coached',
      payee: checked.payee.name,
      account: checked.payee.account.slice(-4),
      amount: `${checked.amount.value} ${checked.amount.currency}`,
      ...context,
    });
    return true;
  }

  /** What the ceremony that approved the payment approved (its proof, asked through the lock). */
  async #approvedPayment(
    method: 'code' | 'passkey',
    reference: string,
  ): Promise<Transaction | null | 'account_locked'> {
    if (method === 'code') {
      const proof = await this.#proofs.verification('payment_approved', reference, 'payment');
      return proof.ok ? proof.value.transaction : proof.reason === 'account_locked' ? proof.reason : null;
    }
    const proof = await this.#proofs.passkey('payment_approved', reference, 'payment');
    return proof.ok
      ? (proof.value.payment?.transaction ?? null)
      : proof.reason === 'account_locked'
        ? proof.reason
        : null;
  }

  payments(): PaymentView[] {
    return payments(this.#storage.sql);
  }

  consents(): ConsentView[] {
    return consents(this.#storage.sql);
  }

  /** Whether the holder allows this aggregator to read the account (blocked by default). */
  aggregatorAllowed(keyId: string): boolean {
    return (
      this.#storage.sql.exec('SELECT 1 FROM aggregator_consents WHERE key_id = ?', String(keyId)).toArray().length > 0
    );
  }

  setAggregatorConsent(keyId: string, name: string, allowed: boolean, context: RequestContext): boolean {
    const { sql } = this.#storage;
    if (!profileView(sql) || typeof keyId !== 'string' || keyId.length > 64 || typeof name !== 'string') return false;
    this.#storage.transactionSync(() => {
      const changed = allowed
        ? sql.exec(
            'INSERT INTO aggregator_consents (key_id, name, allowed_at) VALUES (?, ?, ?) ON CONFLICT (key_id) DO NOTHING',
            keyId,
            name.slice(0, 64),
            now(),
          ).rowsWritten
        : sql.exec('DELETE FROM aggregator_consents WHERE key_id = ?', keyId).rowsWritten;
      if (changed > 0)
        this.#audit.append(allowed ? 'aggregator_allowed' : 'aggregator_revoked', {
          aggregator: name.slice(0, 64),
          ...context,
        });
    });
    return true;
  }

  /** What an allowed aggregator may read: the holder's name, payees and recent payments. */
  aggregatorView(
    keyId: string,
  ): { account: Pick<AccountView, 'handle' | 'displayName'>; payees: PayeeView[]; payments: PaymentView[] } | null {
    const account = profileView(this.#storage.sql);
    if (account?.role !== 'customer' || !this.aggregatorAllowed(keyId)) return null;
    return {
      account: { handle: account.handle, displayName: account.displayName },
      payees: this.payees(),
      payments: this.payments(),
    };
  }
}
