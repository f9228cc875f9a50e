/**
 * The Account's append-only audit log (table `audit`, docs/storage.md): every part of the account
 * records its security events through `append`, the one write, so that one hook (an export of
 * security events) sees them all.
 */
import type { AuditEvent, AuditType } from '../../core/account-rules.ts';
import { now } from '../../core/clock.ts';
import type { EventCause } from '../../core/event-cause.ts';
import type { SecurityExport } from '../security-export.ts';
import type { OtpAuditType } from '../verification.ts';
import { hasProfile } from './profile.ts';

export type AuditDetail = Record<string, string | number | boolean | null>;

const otpAuditTypes = new Set<string>([
  'otp_sent',
  'otp_send_failed',
  'otp_withheld',
  'message_sent',
  'message_send_failed',
  'message_withheld',
  'otp_approved',
  'otp_locked',
  'otp_canceled',
  'otp_expired',
]);

export class AccountAudit {
  readonly #sql: SqlStorage;
  readonly #export: SecurityExport;

  constructor(sql: SqlStorage, securityExport: SecurityExport) {
    this.#sql = sql;
    this.#export = securityExport;
  }

  /**
   * Appends one event; the only write of the audit log. `cause` is required (event-cause.ts): the
   * request id goes to the SIEM export and its log line (security-export.ts), not into the audit
   * row, and nothing else of the cause is written (a request of another account's party keeps its
   * ip to itself).
   */
  append(type: AuditType, detail: AuditDetail, cause: EventCause, at = now()): void {
    // A detail that spread a RequestContext holds its id too: never stored in the row.
    const { requestId: _, ...stored } = detail;
    const { seq } = this.#sql
      .exec<{ seq: number }>(
        'INSERT INTO audit (at, type, detail) VALUES (?, ?, ?) RETURNING seq',
        at,
        type,
        JSON.stringify(stored),
      )
      .one();
    this.#export.noted(seq, type, stored, cause);
  }

  /** The most recent events, newest first. */
  auditLog(limit = 50): AuditEvent[] {
    const n = Math.min(200, Math.max(1, Math.trunc(Number(limit)) || 50));
    return this.#sql
      .exec<{ seq: number; at: number; type: string; detail: string }>(
        'SELECT seq, at, type, detail FROM audit ORDER BY seq DESC LIMIT ?',
        n,
      )
      .toArray()
      .map((row) => ({ seq: row.seq, at: row.at, type: row.type as AuditType, detail: JSON.parse(row.detail) }));
  }

  /** Logs a step of a verification sent for this account (sent, failed, approved, locked…), checked as from outside. */
  recordVerificationEvent(type: OtpAuditType, detail: Record<string, string | number>, cause: EventCause): void {
    if (!hasProfile(this.#sql) || !otpAuditTypes.has(type) || typeof detail !== 'object' || detail === null) return;
    const clean: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(detail).slice(0, 8)) {
      if (typeof v === 'number' || typeof v === 'string')
        clean[k.slice(0, 32)] = typeof v === 'string' ? v.slice(0, 100) : v;
    }
    this.append(type as AuditType, clean, cause);
  }
}
