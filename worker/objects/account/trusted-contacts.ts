/**
 * The trusted contacts the holder nominated for recovery (tables `trusted_contacts`,
 * `contact_changes`; rows in recovery-rows.ts). Every change needs the holder's fresh passkey
 * assertion and, after the set-up, waits an interval; 3 to 5 contacts, textable under the
 * messenger's calling-code guard.
 */
import type { TrustedContactView } from '../../../shared/recovery.ts';
import type { RequestContext } from '../../core/account-rules.ts';
import { now } from '../../core/clock.ts';
import { readSettings } from '../../core/config.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { Env } from '../../env.ts';
import type { AccountAudit } from './audit.ts';
import { profileView, verifiedPhone } from './profile.ts';
import type { AccountProofs } from './proofs.ts';
import {
  insertContact,
  logChange,
  maxContacts,
  minContacts,
  nextChangeAt,
  trustedContacts,
  validContacts,
} from './recovery-rows.ts';
import type { AccountStorage } from './storage.ts';

export type ContactChangeRefusal = {
  ok: false;
  reason:
    | 'invalid'
    | 'not_set_up'
    | 'set_up_already'
    | 'too_many'
    | 'too_few'
    | 'too_soon'
    | 'not_found'
    | 'no_proof'
    | 'account_locked';
  retryAt?: number;
};

type Contact = { name: string; phone: string };

export class TrustedContacts {
  readonly #storage: AccountStorage;
  readonly #env: () => Env;
  readonly #audit: AccountAudit;
  readonly #proofs: AccountProofs;

  constructor(storage: AccountStorage, env: () => Env, audit: AccountAudit, proofs: AccountProofs) {
    this.#storage = storage;
    this.#env = env;
    this.#audit = audit;
    this.#proofs = proofs;
  }

  trustedContacts(): TrustedContactView[] {
    return trustedContacts(this.#storage.sql);
  }

  /** When the next change of contacts may be made (0: now). */
  nextContactChangeAt(intervalMs: number): number {
    const at = nextChangeAt(this.#storage.sql, Number(intervalMs));
    return at > now() ? at : 0;
  }

  /** The first nomination: 3 to 5 contacts at once, with a fresh assertion (purpose `contacts`, used up). */
  async setUpContacts(
    contacts: Contact[],
    context: RequestContext,
    proofId: string,
  ): Promise<Result<TrustedContactView[], never> | ContactChangeRefusal> {
    const { sql } = this.#storage;
    const account = profileView(sql);
    if (account?.role !== 'customer' || !this.#valid(contacts)) return fail('invalid');
    if (contacts.length < minContacts || contacts.length > maxContacts) return fail('invalid');
    if (this.trustedContacts().length > 0) return fail('set_up_already');
    const refused = await this.#proof(proofId, context);
    if (refused) return fail(refused);
    if (this.trustedContacts().length > 0) return fail('set_up_already');
    const at = now();
    const added = this.#storage.transactionSync(() => {
      const views = contacts.map((c) => insertContact(sql, c, at));
      logChange(sql, 'setup', at);
      this.#audit.append(
        'contacts_set_up',
        {
          count: views.length,
          names: views
            .map((v) => v.name)
            .join(', ')
            .slice(0, 300),
          ...context,
        },
        context,
      );
      return views;
    });
    return ok(added);
  }

  /** Adds one contact: after the set-up, at most one change per interval, never more than 5; with a fresh assertion. */
  async addTrustedContact(
    contact: Contact,
    context: RequestContext,
    intervalMs: number,
    proofId: string,
  ): Promise<Result<TrustedContactView, never> | ContactChangeRefusal> {
    const { sql } = this.#storage;
    const existing = this.trustedContacts();
    if (!profileView(sql) || !this.#valid([...existing.map(({ name, phone }) => ({ name, phone })), contact]))
      return fail('invalid');
    if (existing.length === 0) return fail('not_set_up');
    const limit = (count: number) => (count >= maxContacts ? 'too_many' : null);
    return this.#change(limit, context, intervalMs, proofId, (at) => {
      const view = insertContact(sql, contact, at);
      logChange(sql, 'add', at);
      this.#audit.append('contact_added', { name: view.name, phone: view.phone.slice(-3), ...context }, context);
      return view;
    });
  }

  /** Removes one contact: never below 3, at most one change per interval; with a fresh assertion. */
  async removeTrustedContact(
    contactId: string,
    context: RequestContext,
    intervalMs: number,
    proofId: string,
  ): Promise<Result<TrustedContactView, never> | ContactChangeRefusal> {
    const { sql } = this.#storage;
    const contact = this.trustedContacts().find((c) => c.id === contactId);
    if (!contact) return fail('not_found');
    const limit = (count: number) => (count <= minContacts ? 'too_few' : null);
    return this.#change(limit, context, intervalMs, proofId, (at) => {
      sql.exec('DELETE FROM trusted_contacts WHERE contact_id = ?', contact.id);
      logChange(sql, 'remove', at);
      this.#audit.append(
        'contact_removed',
        { name: contact.name, phone: contact.phone.slice(-3), ...context },
        context,
      );
      return contact;
    });
  }

  /**
   * One change after the set-up, guarded: the limit on the number of contacts and the interval since
   * the last change, then the fresh assertion, then both read again after the await (two changes at
   * once cannot both pass the interval or the limit), then `write` in one transaction.
   */
  async #change<T>(
    limit: (count: number) => 'too_many' | 'too_few' | null,
    context: RequestContext,
    intervalMs: number,
    proofId: string,
    write: (at: number) => T,
  ): Promise<Result<T, never> | ContactChangeRefusal> {
    const { sql } = this.#storage;
    const over = limit(this.trustedContacts().length);
    if (over) return fail(over);
    const at = now();
    const retryAt = nextChangeAt(sql, Number(intervalMs));
    if (at < retryAt) return { ...fail('too_soon'), retryAt };
    const refused = await this.#proof(proofId, context);
    if (refused) return fail(refused);
    const overNow = limit(this.trustedContacts().length);
    if (overNow) return fail(overNow);
    if (now() < nextChangeAt(sql, Number(intervalMs))) return { ...fail('too_soon'), retryAt };
    return ok(this.#storage.transactionSync(() => write(at)));
  }

  /** Checked whoever calls; the messenger's calling-code guard applies to contacts here too. */
  #valid(contacts: unknown): contacts is Contact[] {
    const allowed = readSettings(this.#env()).otp.allowedCallingCodes;
    return validContacts(contacts, verifiedPhone(this.#storage.sql), allowed);
  }

  /** The holder's fresh assertion for a change of trusted contacts, asked through the lock; null when given. */
  async #proof(proofId: string, context: RequestContext): Promise<'no_proof' | 'account_locked' | null> {
    const proof = profileView(this.#storage.sql)
      ? await this.#proofs.passkey('trusted_contacts_changed', proofId, 'contacts', context)
      : null;
    if (proof?.ok) return null;
    if (proof?.reason === 'account_locked') return proof.reason;
    this.#audit.append(
      'effect_refused',
      {
        effect: 'trusted_contacts_changed',
        reason: 'no_fresh_assertion',
        ...context,
      },
      context,
    );
    return 'no_proof';
  }
}
