/**
 * Delivery and reading of the SIEM export (issue 12): the cursor resumes without repeats or gaps
 * across pages, shards and hour buckets; a failed delivery is retried by the Account's alarm and
 * appears once, also when its hour was sealed meanwhile; a SecurityLog stores an event once and a
 * sealed hour takes no more writes.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SecurityEventWire } from '../../shared/security-events.ts';
import { now, testClock } from '../../worker/core/clock.ts';
import {
  bucketMs,
  bucketOf,
  sealGraceMs,
  securityIndexName,
  securityLogName,
  securityShards,
  shardOf,
} from '../../worker/core/security-events.ts';
import { SecurityLog } from '../../worker/objects/security-log.ts';
import { bootstrapAdmin, register, signIn } from './client.ts';
import { issueKey } from './otp-helpers.ts';
import { auditIds, deliver, queued, readAll, toMidHour } from './security-export-helpers.ts';

let adminId: string;
let auditKey: string;

beforeAll(async () => {
  toMidHour();
  const admin = await bootstrapAdmin();
  adminId = admin.account.id;
  auditKey = (await issueKey(admin, ['audit'], 'SIEM')).key;
  await deliver(adminId);
});

afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(() => testClock.reset());

/**
 * Moves the clock past the current hour's grace: that hour is sealed on the next read. The clock
 * only moves forward in this file until its last test: an hour sealed stays sealed (by design).
 */
const nextHour = () => testClock.advance(bucketMs + sealGraceMs);

const ids = (events: SecurityEventWire[]) => events.map((e) => e.id);
const logStub = (bucket: number, shard: number) =>
  env.SECURITY_LOG.get(env.SECURITY_LOG.idFromName(securityLogName(bucket, shard)));

describe('reading the export page by page', () => {
  it('resumes without repeats or gaps across pages, shards and hours', async () => {
    const people = [];
    for (let i = 0; i < 8; i++) people.push(await register(`siem.page${i}`));
    for (const p of people) await deliver(p.account.id);
    const shards = new Set([adminId, ...people.map((p) => p.account.id)].map(shardOf));
    expect(shards.size).toBeGreaterThan(2);
    // No hot object: the hour's day index took one note per shard, not one per event.
    const hour = bucketOf(now());
    const noted = await runInDurableObject(
      env.SECURITY_INDEX.get(env.SECURITY_INDEX.idFromName(securityIndexName(hour))),
      (_o, state) =>
        state.storage.sql.exec<{ shard: number }>('SELECT shard FROM shards WHERE bucket = ?', hour).toArray(),
    );
    expect(noted.map((r) => r.shard).sort((a, b) => a - b)).toEqual([...shards].sort((a, b) => a - b));
    nextHour();
    for (const p of people.slice(0, 3)) expect((await signIn(p.authenticator)).status).toBe(200);
    for (const p of people.slice(0, 3)) await deliver(p.account.id);

    const read = await readAll(auditKey, null, 3);
    expect(read.pages).toBeGreaterThan(5);
    const expected = [adminId, ...people.map((p) => p.account.id)];
    const all = (await Promise.all(expected.map(auditIds))).flat();
    expect(ids(read.events)).toHaveLength(new Set(ids(read.events)).size);
    expect([...ids(read.events)].sort()).toEqual([...all].sort());
    // Each account's events in the order it recorded them.
    for (const id of expected) {
      expect(ids(read.events.filter((e) => e.account === id))).toEqual(await auditIds(id));
    }

    // Caught up: the next event of any account is the next thing the cursor reads, and only it.
    const before = await auditIds(people[5]?.account.id as string);
    expect((await signIn(people[5]?.authenticator as never)).status).toBe(200);
    await deliver(people[5]?.account.id as string);
    const fresh = (await auditIds(people[5]?.account.id as string)).filter((id) => !before.includes(id));
    const resumed = await readAll(auditKey, read.cursor, 2);
    expect(ids(resumed.events)).toEqual(fresh);
    expect((await readAll(auditKey, resumed.cursor, 2)).events).toEqual([]);
  });
});

describe('at-least-once delivery', () => {
  it('retries a failed delivery from the alarm, and the event appears once even after its hour sealed', async () => {
    const person = await register('siem.retry');
    await deliver(person.account.id);
    const { cursor: start } = await readAll(auditKey, null, 500);

    // The log refuses (as a sealed hour or a storage failure would: both take the same path).
    const append = vi.spyOn(SecurityLog.prototype, 'append').mockResolvedValue({ ok: false, reason: 'closed' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const before = await auditIds(person.account.id);
    expect((await signIn(person.authenticator)).status).toBe(200);
    const fresh = (await auditIds(person.account.id)).filter((id) => !before.includes(id));
    await deliver(person.account.id);
    const waiting = await queued(person.account.id);
    expect(waiting.map((r) => `${person.account.id}:${r.seq}`)).toEqual(fresh);
    expect(waiting.every((r) => r.attempts >= 1)).toBe(true);
    const alarm = await runInDurableObject(env.ACCOUNT.get(env.ACCOUNT.idFromString(person.account.id)), (_o, s) =>
      s.storage.getAlarm(),
    );
    expect(alarm).toBeGreaterThan(Date.now());
    expect(warn.mock.calls.map(([l]) => JSON.parse(String(l)).event)).toContain('security_export_failed');
    expect((await readAll(auditKey, start, 500)).events).toEqual([]);

    // The hour ends and is sealed by a reader while the log is still down.
    nextHour();
    const sealed = await readAll(auditKey, start, 500);
    expect(sealed.events).toEqual([]);
    append.mockRestore();
    await deliver(person.account.id);
    expect(await queued(person.account.id)).toEqual([]);
    const late = await readAll(auditKey, sealed.cursor, 500);
    expect(ids(late.events)).toEqual(fresh);
    const everything = await readAll(auditKey, null, 500);
    expect(ids(everything.events).filter((id) => fresh.includes(id))).toEqual(fresh);
  });
});

describe('SecurityLog and SecurityIndex', () => {
  const account = 'd'.repeat(64);
  const event = (seq: number, at = now()): SecurityEventWire => ({
    id: `${account}:${seq}`,
    type: 'signed_in',
    at,
    account,
    handle: 'direct',
    requestId: null,
    detail: { ip: '203.0.113.1' },
  });

  it('stores an event once however often it is delivered', async () => {
    const bucket = bucketOf(now());
    const shard = logStub(bucket, shardOf(account));
    expect(await shard.append(bucket, [event(1)])).toEqual({ ok: true, value: { stored: 1 } });
    expect(await shard.append(bucket, [event(1), event(2)])).toEqual({ ok: true, value: { stored: 1 } });
    const page = await shard.read(bucket, 0, 500);
    // The shard may also hold the events of another account of this file that hashes to it.
    const mine = page.events.map((e) => JSON.parse(e.line).id).filter((id: string) => id.startsWith(account));
    expect(mine).toEqual([event(1).id, event(2).id]);
    expect(page.sealed).toBe(false);
  });

  it('refuses a write into another shard, and into an hour that is sealed', async () => {
    const bucket = bucketOf(now());
    const wrong = (shardOf(account) + 1) % securityShards;
    expect(await logStub(bucket, wrong).append(bucket, [event(3)])).toEqual({ ok: false, reason: 'invalid' });
    expect(await logStub(bucket - 2, shardOf(account)).append(bucket - 2, [event(4)])).toEqual({
      ok: false,
      reason: 'closed',
    });
  });

  it('an hour a reader saw sealed takes no new shard and no new event, even on a clock that would still let it', async () => {
    const bucket = bucketOf(now());
    const index = env.SECURITY_INDEX.get(env.SECURITY_INDEX.idFromName(securityIndexName(bucket)));
    const shard = logStub(bucket, shardOf(account));
    expect((await shard.append(bucket, [event(10)])).ok).toBe(true);
    nextHour();
    const [info] = await index.buckets(bucket, bucket);
    expect(info?.sealed).toBe(true);
    // The shard's read after the grace seals it for good (a row), not only by its clock.
    expect((await shard.read(bucket, 0, 500)).sealed).toBe(true);
    const sealedRow = await runInDurableObject(shard, (_o, state) =>
      state.storage.sql.exec<{ sealed: number }>('SELECT sealed FROM bucket').one(),
    );
    expect(sealedRow.sealed).toBe(1);
    // An open hour's shard whose row says sealed takes no event, whatever its clock says.
    const open = bucketOf(now());
    const openShard = logStub(open, shardOf(account));
    expect((await openShard.append(open, [event(12)])).ok).toBe(true);
    await runInDurableObject(openShard, (_o, state) => state.storage.sql.exec('UPDATE bucket SET sealed = 1'));
    expect(await openShard.append(open, [event(13)])).toEqual({ ok: false, reason: 'closed' });
    // Back on a clock that is still inside the hour (the last test of this file): the seal holds.
    testClock.reset();
    expect(await index.note(bucket, 5)).toBe(false);
    expect(await index.note(bucket + 1, 5)).toBe(bucket % 24 !== 23);
  });
});
