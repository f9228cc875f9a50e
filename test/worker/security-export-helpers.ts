/** Reading the SIEM export (`GET /api/v1/security-events`) and delivering an account's queued events. */
import { runInDurableObject } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import type { SecurityEventWire } from '../../shared/security-events.ts';
import { now, testClock } from '../../worker/core/clock.ts';
import { bucketMs } from '../../worker/core/security-events.ts';
import { origin } from './client.ts';

/**
 * Moves the one clock forward to 30 minutes into an hour, so that a test file never crosses an
 * hour by chance (an hour's events are read once the previous hour sealed, 10 s after its end).
 */
export function toMidHour(): void {
  testClock.advance((bucketMs + 30 * 60_000 - (now() % bucketMs)) % bucketMs);
}

export interface ExportPage {
  status: number;
  contentType: string | null;
  events: SecurityEventWire[];
  cursor: string | null;
  caughtUp: boolean;
  /** The error body, for a 4xx. */
  error?: { code: string; fields?: Record<string, string> };
}

/** One page of the export, read with `key` (or with `headers` as given). */
export async function readExport(
  key: string | null,
  query: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<ExportPage> {
  const search = new URLSearchParams(query).toString();
  const response = await exports.default.fetch(
    new Request(`${origin}/api/v1/security-events${search ? `?${search}` : ''}`, {
      headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...headers },
    }),
  );
  const text = await response.text();
  const page: ExportPage = {
    status: response.status,
    contentType: response.headers.get('Content-Type'),
    events: [],
    cursor: response.headers.get('Countersign-Next-Cursor'),
    caughtUp: response.headers.get('Countersign-Caught-Up') === 'true',
  };
  if (response.status !== 200) return { ...page, error: (JSON.parse(text) as { error: ExportPage['error'] }).error };
  if (text !== '' && !text.endsWith('\n')) throw new Error('an NDJSON body ends with a newline');
  page.events = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as SecurityEventWire);
  return page;
}

/** Reads page after page from `cursor` (or the start) until the export says it caught up. */
export async function readAll(key: string, cursor: string | null, limit: number) {
  const events: SecurityEventWire[] = [];
  let pages = 0;
  for (;;) {
    const page = await readExport(key, { limit: String(limit), ...(cursor ? { cursor } : {}) });
    if (page.status !== 200 || !page.cursor) throw new Error(`export: ${page.status} ${JSON.stringify(page.error)}`);
    events.push(...page.events);
    cursor = page.cursor;
    pages++;
    if (page.caughtUp) return { events, cursor, pages };
    if (pages > 200) throw new Error('the export never caught up');
  }
}

const accountStub = (accountId: string) => env.ACCOUNT.get(env.ACCOUNT.idFromString(accountId));

/** Runs the account's alarm now: its queued security events go to their SecurityLog shard. */
export function deliver(accountId: string): Promise<void> {
  return runInDurableObject(accountStub(accountId), (instance) => instance.alarm());
}

/** The account's rows still queued for the export. */
export function queued(accountId: string) {
  return runInDurableObject(accountStub(accountId), (_o, state) =>
    state.storage.sql
      .exec<{ seq: number; request_id: string | null; attempts: number }>(
        'SELECT seq, request_id, attempts FROM security_outbox ORDER BY seq',
      )
      .toArray(),
  );
}

/** The export ids every audit row of the account should have (`<account id>:<seq>`). */
export async function auditIds(accountId: string): Promise<string[]> {
  const rows = await runInDurableObject(accountStub(accountId), (_o, state) =>
    state.storage.sql.exec<{ seq: number }>('SELECT seq FROM audit ORDER BY seq').toArray(),
  );
  return rows.map((r) => `${accountId}:${r.seq}`);
}
