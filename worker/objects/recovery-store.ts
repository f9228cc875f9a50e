/**
 * The Recovery object's rows: the one `recovery` row, its `recovery_contacts`, the `abort_links`
 * (only a token's hash) and the `completion_claim` (docs/storage.md).
 */
import { timingSafeEqualBytes } from '../core/codes.ts';
import { sha256Hex } from '../core/hash.ts';
import { randomToken } from '../core/random.ts';
import type { RecoveryContactRow, RecoveryRow, RecoveryWrite } from '../core/recovery-machine.ts';

export type RecoveryOpen = {
  accountId: string | null;
  subject: string;
  tokenHash: string;
  verificationId: string;
  maskedTo: string;
};

export class RecoveryStore {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  row(): RecoveryRow | undefined {
    return this.#sql.exec<RecoveryRow>('SELECT * FROM recovery').toArray()[0];
  }

  /** The row, for the device that holds its token (compared in constant time). */
  mine(tokenHash: string): RecoveryRow | undefined {
    const row = this.row();
    if (!row || typeof tokenHash !== 'string' || tokenHash.length !== 64) return undefined;
    const a = new TextEncoder().encode(tokenHash);
    const b = new TextEncoder().encode(row.token_hash);
    return timingSafeEqualBytes(a, b) ? row : undefined;
  }

  contacts(): RecoveryContactRow[] {
    return this.#sql.exec<RecoveryContactRow>('SELECT * FROM recovery_contacts ORDER BY rowid').toArray();
  }

  contact(id: string): RecoveryContactRow | undefined {
    return this.#sql
      .exec<RecoveryContactRow>('SELECT * FROM recovery_contacts WHERE contact_id = ?', String(id))
      .toArray()[0];
  }

  claim(): { credential_id: string } | undefined {
    return this.#sql.exec<{ credential_id: string }>('SELECT credential_id FROM completion_claim').toArray()[0];
  }

  insert(id: string, i: RecoveryOpen, at: number, expiresAt: number): void {
    this.#sql.exec(
      `INSERT INTO recovery (id, recovery_id, account_id, subject, token_hash, state, verification_id, masked_to, created_at, expires_at)
       VALUES (1, ?, ?, ?, ?, 'first_factor', ?, ?, ?, ?)`,
      id,
      i.accountId,
      i.subject.slice(0, 64),
      i.tokenHash,
      i.verificationId,
      i.maskedTo.slice(0, 64),
      at,
      expiresAt,
    );
  }

  /** One UPDATE of the recovery row with what the machine decided. */
  write(write: RecoveryWrite): void {
    const set = Object.entries(write).filter(([, v]) => v !== undefined);
    if (set.length === 0) return;
    this.#sql.exec(`UPDATE recovery SET ${set.map(([c]) => `${c} = ?`).join(', ')}`, ...set.map(([, v]) => v));
  }

  /** Adds a contact of the account (once), with the account that holds their phone, if any. */
  addContact(c: { id: string; name: string; phone: string }, contactAccountId: string | null): void {
    this.#sql.exec(
      'INSERT OR IGNORE INTO recovery_contacts (contact_id, name, phone, contact_account_id) VALUES (?, ?, ?, ?)',
      c.id,
      c.name,
      c.phone,
      contactAccountId,
    );
  }

  /** The first factor passed: the contacts are shown, with the holder's name and the quorum. */
  contactsLoaded(holderName: string | null, quorum: number): void {
    this.#sql.exec(
      "UPDATE recovery SET state = 'choose_contacts', holder_name = ?, quorum = ? WHERE state = 'first_factor'",
      holderName,
      quorum,
    );
  }

  choose(contactId: string): void {
    this.#sql.exec('UPDATE recovery_contacts SET chosen = 1 WHERE contact_id = ?', contactId);
  }

  askedInApp(contactId: string, expiresAt: number): void {
    this.#sql.exec(
      "UPDATE recovery_contacts SET via = 'app', code_expires_at = ? WHERE contact_id = ?",
      expiresAt,
      contactId,
    );
  }

  askedBySms(contactId: string, hash: Uint8Array, expiresAt: number): void {
    this.#sql.exec(
      "UPDATE recovery_contacts SET via = 'sms', code_hash = ?, code_expires_at = ? WHERE contact_id = ?",
      hash,
      expiresAt,
      contactId,
    );
  }

  countTry(contactId: string): void {
    this.#sql.exec('UPDATE recovery_contacts SET tries = tries + 1 WHERE contact_id = ?', contactId);
  }

  /** A contact approved (by code or in their app): a code they had stops working. */
  approve(contactId: string, at: number, forgetCode: boolean): void {
    this.#sql.exec(
      forgetCode
        ? 'UPDATE recovery_contacts SET approved_at = ?, code_hash = NULL WHERE contact_id = ?'
        : 'UPDATE recovery_contacts SET approved_at = ? WHERE contact_id = ?',
      at,
      contactId,
    );
  }

  /** Forgets one contact's code, or every contact's. */
  forgetCode(contactId?: string): void {
    if (contactId === undefined) this.#sql.exec('UPDATE recovery_contacts SET code_hash = NULL');
    else this.#sql.exec('UPDATE recovery_contacts SET code_hash = NULL WHERE contact_id = ?', contactId);
  }

  /** The one claim of the completion: true for the first, false for any other. */
  claimOnce(credentialId: string, at: number): boolean {
    return (
      this.#sql.exec(
        'INSERT INTO completion_claim (id, credential_id, claimed_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING',
        credentialId,
        at,
      ).rowsWritten > 0
    );
  }

  /** A new "they did not ask me" token for a contact (only its hash is kept); the template makes the link. */
  async abortLink(contactId: string): Promise<string> {
    const token = randomToken(24);
    this.#sql.exec('INSERT INTO abort_links (token_hash, contact_id) VALUES (?, ?)', await sha256Hex(token), contactId);
    return token;
  }

  /** The contact an abort link was made for. */
  async abortLinkContact(token: string): Promise<RecoveryContactRow | undefined> {
    const hash = await sha256Hex(token);
    const link = this.#sql
      .exec<{ contact_id: string }>('SELECT contact_id FROM abort_links WHERE token_hash = ?', hash)
      .toArray()[0];
    return link ? this.contact(link.contact_id) : undefined;
  }
}
