/**
 * The export's cursor and page merge. A cursor is a bucket (hour) and, per shard of that
 * bucket, the SecurityLog's own insertion position read up to: a reader resumes exactly where it
 * stopped. It leaves a bucket only once every shard of it says it is sealed (takes no more writes)
 * and all of it was read, so an event delivered late (an alarm retry) is never skipped: it is
 * written into the bucket of its delivery, which is still open. Opaque to readers: base64url JSON.
 */
import { toBase64Url } from '../../shared/base64url.ts';
import { securityShards } from './security-events.ts';

export interface SecurityCursor {
  bucket: number;
  /** Per shard 0…15: the last position read in this bucket (0: nothing yet). */
  positions: number[];
}

/** One shard's answer: its events after the cursor's position, in position order. */
export interface ShardPage {
  events: { pos: number; receivedAt: number; line: string }[];
}

const version = 1;

export function encodeCursor(cursor: SecurityCursor): string {
  const json = JSON.stringify({ v: version, b: cursor.bucket, p: cursor.positions });
  return toBase64Url(new TextEncoder().encode(json));
}

/** The cursor a text encodes, or null when it is not one this export made. */
export function decodeCursor(text: string): SecurityCursor | null {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]{8,400}$/.test(text)) return null;
  let parsed: unknown;
  try {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
    parsed = JSON.parse(
      new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(
        Uint8Array.from(binary, (c) => c.charCodeAt(0)),
      ),
    );
  } catch {
    return null;
  }
  const c = parsed as { v?: unknown; b?: unknown; p?: unknown };
  if (typeof c !== 'object' || c === null || c.v !== version || !Number.isSafeInteger(c.b) || (c.b as number) < 0)
    return null;
  if (!Array.isArray(c.p) || c.p.length !== securityShards) return null;
  if (!c.p.every((p) => Number.isSafeInteger(p) && p >= 0)) return null;
  return { bucket: c.b as number, positions: c.p as number[] };
}

/**
 * Takes at most `limit` events from the shards' pages, oldest receipt first (a k-way merge on the
 * pages' heads, so each shard's position moves over a prefix of its page: nothing is skipped).
 * Returns the lines and the positions after them; `exhausted` when every page was taken whole.
 */
export function mergePages(
  pages: ShardPage[],
  positions: number[],
  limit: number,
): { lines: string[]; positions: number[]; exhausted: boolean } {
  const next = [...positions];
  const heads = pages.map(() => 0);
  const lines: string[] = [];
  while (lines.length < limit) {
    let best = -1;
    for (let shard = 0; shard < pages.length; shard++) {
      const head = pages[shard]?.events[heads[shard] as number];
      if (!head) continue;
      const current = best < 0 ? undefined : pages[best]?.events[heads[best] as number];
      if (!current || head.receivedAt < current.receivedAt) best = shard;
    }
    if (best < 0) break;
    const event = pages[best]?.events[heads[best] as number] as ShardPage['events'][number];
    lines.push(event.line);
    next[best] = event.pos;
    heads[best] = (heads[best] as number) + 1;
  }
  const exhausted = pages.every((page, shard) => heads[shard] === page.events.length);
  return { lines, positions: next, exhausted };
}
