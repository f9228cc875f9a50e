import { describe, expect, it } from 'vitest';
import {
  deliveryTimeoutOf,
  nextAttemptAfter,
  webhookShardCount,
  webhookShardOf,
  webhookUrlAllowed,
} from './webhook-rules.ts';

describe('webhook rules', () => {
  it('times an attempt out after WEBHOOK_TIMEOUT_SECONDS (0.05 to 30), else after 10 s', () => {
    expect(deliveryTimeoutOf(undefined)).toBe(10_000);
    expect(deliveryTimeoutOf('')).toBe(10_000);
    expect(deliveryTimeoutOf('2.5')).toBe(2_500);
    expect(deliveryTimeoutOf('0.05')).toBe(50);
    expect(deliveryTimeoutOf('30')).toBe(30_000);
    for (const wrong of ['0', '0.01', '31', '-1', 'ten', 'Infinity', ' '])
      expect(deliveryTimeoutOf(wrong)).toBe(10_000);
  });

  it('backs off 30 s, 2 min, 10 min, 1 h, 6 h, 24 h, then gives up', () => {
    const waits = [1, 2, 3, 4, 5, 6].map((n) => (nextAttemptAfter(n, 0) ?? 0) / 1000);
    expect(waits).toEqual([30, 120, 600, 3600, 21600, 86400]);
    expect(nextAttemptAfter(7, 0)).toBeNull();
  });

  it('delivers only to https, and to http://localhost only on a localhost origin', () => {
    const prod = 'https://verify.bank.example';
    const dev = 'http://localhost:8787';
    expect(webhookUrlAllowed('https://hooks.bank.example/countersign', prod)).toBe(true);
    expect(webhookUrlAllowed('http://hooks.bank.example/countersign', prod)).toBe(false);
    expect(webhookUrlAllowed('http://localhost:9000/hook', prod)).toBe(false);
    expect(webhookUrlAllowed('http://localhost:9000/hook', dev)).toBe(true);
    expect(webhookUrlAllowed('http://127.0.0.1:9000/hook', dev)).toBe(true);
    expect(webhookUrlAllowed('http://10.0.0.1/hook', dev)).toBe(false);
    expect(webhookUrlAllowed('https://user:pw@hooks.bank.example/', prod)).toBe(false);
    expect(webhookUrlAllowed('https://hooks.bank.example/#x', prod)).toBe(false);
    expect(webhookUrlAllowed('ftp://hooks.bank.example/', prod)).toBe(false);
    expect(webhookUrlAllowed('not a url', prod)).toBe(false);
    expect(webhookUrlAllowed(`https://hooks.bank.example/${'a'.repeat(2048)}`, prod)).toBe(false);
  });

  it('keeps one ceremony in one shard and spreads many over all of them', () => {
    const id = 'ab'.repeat(32);
    expect(webhookShardOf(id)).toBe(webhookShardOf(id));
    const used = new Set(Array.from({ length: 400 }, (_, i) => webhookShardOf(i.toString(16).padStart(64, '0'))));
    expect(used.size).toBe(webhookShardCount);
    // Ids that differ only in a repeated pattern spread too (FNV's low bits alone would not).
    const patterned = new Set(
      Array.from({ length: 64 }, (_, i) => webhookShardOf(i.toString(16).padStart(8, '0').repeat(8))),
    );
    expect(patterned.size).toBeGreaterThan(webhookShardCount / 2);
  });
});
