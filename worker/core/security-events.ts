/**
 * Rules of the security-event export, without bindings: where an event is written
 * (hour bucket × shard of the account, so no single object takes every write), what it carries
 * (the audit detail with phone numbers masked; ip and user agent kept, which a SIEM needs), and
 * how a SecurityLog checks what it is given.
 */
import { maskPhone } from '../../shared/mask.ts';
import type { SecurityEventWire } from '../../shared/security-events.ts';

/** Shards per hour bucket: writes of different accounts spread over this many objects. */
export const securityShards = 16;
/** One bucket per hour of delivery time. */
export const bucketMs = 3_600_000;
/**
 * A bucket takes writes until this long after its hour ends; then it is sealed and read to the end.
 * It covers a delivery in flight at the hour's end (one that arrives later is refused and retried
 * into the next hour); readers see the new hour's events once it has passed.
 */
export const sealGraceMs = 10_000;
/** How long a bucket is kept (its objects delete themselves after). */
export const securityLogKeptMs = 30 * 24 * 3_600_000;

/** Hour buckets per SecurityIndex object (one a day). */
export const bucketsPerDay = 24;

/** The name of the SecurityIndex object of a bucket's day (`idFromName`). */
export const securityIndexName = (bucket: number): string => `security-index:${Math.floor(bucket / bucketsPerDay)}`;

/** The bucket (hour number since the epoch) of a moment. */
export const bucketOf = (at: number): number => Math.floor(at / bucketMs);

/** A bucket number as given from outside: a non-negative safe integer. */
export const isBucket = (b: unknown): b is number => Number.isSafeInteger(b) && (b as number) >= 0;

/** When a bucket stops taking writes. */
export const sealsAt = (bucket: number): number => (bucket + 1) * bucketMs + sealGraceMs;

/**
 * The shard of an account: FNV-1a of its id mixed by MurmurHash3's finaliser (FNV's low bits alone
 * follow the last characters), so one account's events stay in order in one shard and accounts
 * spread over all of them.
 */
export function shardOf(accountId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < accountId.length; i++) {
    hash ^= accountId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  hash ^= hash >>> 16;
  return (hash >>> 0) % securityShards;
}

/** The name of a SecurityLog object (`idFromName`). */
export const securityLogName = (bucket: number, shard: number): string => `security:${bucket}:${shard}`;

const phonePattern = /\+[1-9](?:[\s-]?\d){6,14}/g;

/** Masks every phone number in a text (`+447911123789` → `+44 •••• ••• 789`). */
export const maskPhones = (text: string): string => text.replace(phonePattern, (number) => maskPhone(number));

type Detail = SecurityEventWire['detail'];
const detailKeys = 24;

/** The audit detail as the export carries it: primitive values only, strings with phones masked. */
export function exportedDetail(detail: Record<string, unknown>): Detail {
  const out: Detail = {};
  for (const [key, value] of Object.entries(detail ?? {}).slice(0, detailKeys)) {
    if (key === 'requestId') continue;
    const name = key.slice(0, 64);
    if (typeof value === 'string') out[name] = maskPhones(value.slice(0, 500));
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null) out[name] = value;
  }
  return out;
}

/** The export's event for one audit row. */
export function securityEventOf(row: {
  accountId: string;
  handle: string;
  seq: number;
  type: string;
  at: number;
  requestId: string | null;
  detail: Record<string, unknown>;
}): SecurityEventWire {
  return {
    id: `${row.accountId}:${row.seq}`,
    type: row.type,
    at: row.at,
    account: row.accountId,
    handle: row.handle,
    requestId: row.requestId,
    detail: exportedDetail(row.detail),
  };
}

const idPattern = /^([0-9a-f]{64}):([1-9]\d{0,15})$/;

/** Whether a SecurityLog may store this event as given (it checks as if it came from the internet). */
export function validSecurityEvent(e: SecurityEventWire): boolean {
  const id = typeof e?.id === 'string' ? idPattern.exec(e.id) : null;
  if (!id || e.account !== id[1]) return false;
  if (typeof e.type !== 'string' || !/^[a-z_]{1,64}$/.test(e.type)) return false;
  if (!Number.isSafeInteger(e.at) || e.at < 0) return false;
  if (typeof e.handle !== 'string' || e.handle.length === 0 || e.handle.length > 32) return false;
  if (e.requestId !== null && (typeof e.requestId !== 'string' || !/^req_[0-9a-f]{32}$/.test(e.requestId)))
    return false;
  if (typeof e.detail !== 'object' || e.detail === null || Array.isArray(e.detail)) return false;
  const detail = Object.entries(e.detail);
  return (
    detail.length <= detailKeys &&
    detail.every(
      ([k, v]) =>
        k.length <= 64 &&
        (v === null ||
          typeof v === 'number' ||
          typeof v === 'boolean' ||
          (typeof v === 'string' && v.length <= 500 && maskPhones(v) === v)),
    )
  );
}
