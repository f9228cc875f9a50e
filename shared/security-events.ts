/**
 * The security-event export for the bank's SIEM: `GET /api/v1/security-events` with an
 * API key of scope `audit` answers `application/x-ndjson`, one event per line, and the cursor to
 * go on from in the `Countersign-Next-Cursor` header (docs/storage.md, "SecurityLog").
 */
import * as z from 'zod/mini';

/** The response header with the cursor of the next page (always sent, also on an empty page). */
export const nextCursorHeader = 'Countersign-Next-Cursor';
/** The response header that says whether the reader has caught up (`true`) or should ask again at once. */
export const caughtUpHeader = 'Countersign-Caught-Up';

/** The most events one page holds, and how many when `limit` is left out. */
export const securityEventsMaxLimit = 500;
export const securityEventsDefaultLimit = 100;

/** `limit` 1–500 (100 when left out); `cursor` as an earlier page's `Countersign-Next-Cursor`. */
export const securityEventsQuery = z.strictObject({
  limit: z.optional(z.string().check(z.regex(/^(500|[1-4]\d\d|[1-9]\d?)$/, { error: 'Give a limit from 1 to 500.' }))),
  cursor: z.optional(
    z
      .string()
      .check(
        z.regex(/^[A-Za-z0-9_-]{8,400}$/, { error: 'Give the Countersign-Next-Cursor header of an earlier page.' }),
      ),
  ),
});

/** One line of the export: an audit event of one account, phone numbers masked. */
export interface SecurityEventWire {
  /** `<account id>:<audit seq>`: stable, the same on every delivery (dedupe by it). */
  id: string;
  /** The audit type (shared/account.ts `AuditType`). */
  type: string;
  /** When it happened (ms since the epoch), by the account's clock. */
  at: number;
  /** The account (64 hex) and its handle. */
  account: string;
  handle: string;
  /** The API request that caused it (the `Request-Id` header), or null for what an object's alarm did (an expiry). */
  requestId: string | null;
  /** The audit detail: ip and user agent kept, phone numbers masked (`+44 •••• ••• 789`). */
  detail: Record<string, string | number | boolean | null>;
}
