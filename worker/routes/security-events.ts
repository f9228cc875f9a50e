/**
 * `GET /api/v1/security-events`: every account's security events for the bank's SIEM,
 * readable with an API key of scope `audit` only (not by a session, not by another scope). Answers
 * `application/x-ndjson`, one event per line, oldest delivery first; the cursor to go on from is in
 * the `Countersign-Next-Cursor` header (always, also on an empty page) and
 * `Countersign-Caught-Up: false` says to ask again at once. The reader walks the hour buckets of
 * the SecurityLog shards (docs/storage.md) and leaves a bucket only once all its shards are sealed
 * and read to the end, so nothing delivered late is skipped.
 */
import { Hono } from 'hono/tiny';
import {
  caughtUpHeader,
  nextCursorHeader,
  securityEventsDefaultLimit,
  securityEventsQuery,
} from '../../shared/security-events.ts';
import { now } from '../core/clock.ts';
import { decodeCursor, encodeCursor, mergePages, type SecurityCursor } from '../core/security-cursor.ts';
import {
  bucketOf,
  bucketsPerDay,
  securityIndexName,
  securityLogKeptMs,
  securityLogName,
  securityShards,
} from '../core/security-events.ts';
import type { Env } from '../env.ts';
import { requireCaller } from '../http/api-auth.ts';
import type { AppEnv } from '../http/context.ts';
import { errorResponse } from '../http/errors.ts';
import { queryParams } from '../http/validate.ts';
import type { BucketShards } from '../objects/security-index.ts';
import type { SecurityLogPage } from '../objects/security-log.ts';

/** A first read without a cursor starts this far back. */
export const firstReadMs = 24 * 3_600_000;
/** At most this many buckets are walked per request (two days: two SecurityIndex reads). */
export const bucketsPerRead = 48;

const startPositions = () => Array.from({ length: securityShards }, () => 0);
const noEvents: SecurityLogPage = { events: [], sealed: true };

export interface SecurityEventsPage {
  lines: string[];
  cursor: SecurityCursor;
  caughtUp: boolean;
}

/**
 * Reads up to `limit` events from the cursor on. Per bucket: the day's SecurityIndex names the
 * shards that hold events, only those are read; the reader goes on to the next bucket only when
 * the index has sealed this one and every shard of it is sealed and was read to its end.
 */
export async function readSecurityEvents(env: Env, from: SecurityCursor, limit: number): Promise<SecurityEventsPage> {
  let { bucket, positions } = from;
  const lines: string[] = [];
  let day: BucketShards[] = [];
  for (let walked = 1; ; walked++) {
    let info = day.find((d) => d.bucket === bucket);
    if (!info) {
      const lastOfDay = (Math.floor(bucket / bucketsPerDay) + 1) * bucketsPerDay - 1;
      const index = env.SECURITY_INDEX.get(env.SECURITY_INDEX.idFromName(securityIndexName(bucket)));
      day = await index.buckets(bucket, lastOfDay);
      info = day[0] ?? { bucket, shards: [], sealed: false };
    }
    const want = limit - lines.length;
    const { shards } = info;
    const at = bucket;
    const pages = await Promise.all(
      positions.map((after, shard) =>
        shards.includes(shard)
          ? env.SECURITY_LOG.get(env.SECURITY_LOG.idFromName(securityLogName(at, shard))).read(at, after, want)
          : noEvents,
      ),
    );
    const merged = mergePages(pages, positions, want);
    lines.push(...merged.lines);
    positions = merged.positions;
    // A full page may have more behind it; a page that is not full took every shard to its end.
    if (lines.length >= limit) return { lines, cursor: { bucket, positions }, caughtUp: false };
    if (!info.sealed || !pages.every((page) => page.sealed))
      return { lines, cursor: { bucket, positions }, caughtUp: true };
    bucket += 1;
    positions = startPositions();
    if (walked >= bucketsPerRead) return { lines, cursor: { bucket, positions }, caughtUp: false };
  }
}

export const securityEvents = new Hono<AppEnv>()
  .use(requireCaller('audit', false))
  .get('/', queryParams(securityEventsQuery), async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const at = now();
    let from: SecurityCursor = { bucket: bucketOf(at - firstReadMs), positions: startPositions() };
    if (cursor !== undefined) {
      const decoded = decodeCursor(cursor);
      if (!decoded || decoded.bucket > bucketOf(at) + 1)
        return errorResponse(c, 'invalid_input', { cursor: { text: 'cursor_invalid' } });
      if (decoded.bucket <= bucketOf(at - securityLogKeptMs))
        return errorResponse(c, 'invalid_input', { cursor: { text: 'cursor_expired' } });
      from = decoded;
    }
    const page = await readSecurityEvents(c.env, from, Number(limit ?? securityEventsDefaultLimit));
    c.header('Content-Type', 'application/x-ndjson; charset=utf-8');
    c.header(nextCursorHeader, encodeCursor(page.cursor));
    c.header(caughtUpHeader, String(page.caughtUp));
    return c.body(page.lines.map((line) => `${line}\n`).join(''), 200);
  });
