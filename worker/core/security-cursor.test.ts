import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, mergePages, type ShardPage } from './security-cursor.ts';
import { exportedDetail, maskPhones, securityShards, shardOf, validSecurityEvent } from './security-events.ts';

const zeros = () => Array.from({ length: securityShards }, () => 0);
const page = (...events: [number, number][]): ShardPage => ({
  events: events.map(([pos, receivedAt]) => ({ pos, receivedAt, line: `${pos}@${receivedAt}` })),
});

describe('security export cursor', () => {
  it('round-trips and refuses anything it did not make', () => {
    const cursor = { bucket: 493_000, positions: zeros().map((_, i) => i * 3) };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    const json = (v: unknown) => btoa(JSON.stringify(v)).replaceAll('=', '');
    expect(decodeCursor(json({ v: 1, b: 1, p: zeros().slice(1) }))).toBeNull();
    expect(decodeCursor(json({ v: 2, b: 1, p: zeros() }))).toBeNull();
    expect(decodeCursor(json({ v: 1, b: -1, p: zeros() }))).toBeNull();
    expect(decodeCursor(json({ v: 1, b: 1, p: zeros().map(() => 1.5) }))).toBeNull();
    expect(decodeCursor('not-a-cursor-at-all')).toBeNull();
    expect(decodeCursor('%%%')).toBeNull();
  });

  it('merges shards by receipt and moves each position over what it took only', () => {
    const pages = [page([1, 10], [2, 30]), page([7, 20], [8, 40]), page()];
    const first = mergePages(pages, [0, 6, 0], 3);
    expect(first.lines).toEqual(['1@10', '7@20', '2@30']);
    expect(first.positions).toEqual([2, 7, 0]);
    expect(first.exhausted).toBe(false);
    const all = mergePages(pages, [0, 6, 0], 10);
    expect(all.lines).toHaveLength(4);
    expect(all.positions).toEqual([2, 8, 0]);
    expect(all.exhausted).toBe(true);
  });
});

describe('security events', () => {
  it('masks phone numbers, keeps ips, drops non-primitive values and the request id', () => {
    const detail = exportedDetail({
      to: '+447911123789',
      note: 'call +44 7911 123789 now',
      ip: '203.0.113.9',
      nested: { a: 1 },
      requestId: 'req_x',
      ok: true,
    });
    expect(detail).toEqual({ to: '+44 •••• ••• 789', note: 'call +44 •••• ••• 789 now', ip: '203.0.113.9', ok: true });
    expect(maskPhones(detail.to as string)).toBe(detail.to);
  });

  it('spreads accounts over every shard, patterned ids too, about evenly', () => {
    for (const id of [
      (i: number) => i.toString(16).padStart(64, 'a'),
      (i: number) => `${i.toString(16)}`.padEnd(64, '0'),
    ]) {
      const counts = new Map<number, number>();
      for (let i = 0; i < 1600; i++) counts.set(shardOf(id(i)), (counts.get(shardOf(id(i))) ?? 0) + 1);
      expect(counts.size).toBe(securityShards);
      // 100 each on average: none holds more than twice that.
      expect(Math.max(...counts.values())).toBeLessThan(200);
    }
  });

  it('refuses an event with a full phone number or an id of another account', () => {
    const account = 'b'.repeat(64);
    const event = { id: `${account}:3`, type: 'signed_in', at: 1, account, handle: 'ann', requestId: null, detail: {} };
    expect(validSecurityEvent(event)).toBe(true);
    expect(validSecurityEvent({ ...event, detail: { to: '+447911123789' } })).toBe(false);
    expect(validSecurityEvent({ ...event, id: `${'c'.repeat(64)}:3` })).toBe(false);
  });
});
