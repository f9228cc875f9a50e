/**
 * DESIGN.md: sends are rate-limited per destination, per account and per client IP or API key, and
 * SMS goes only to allowed calling codes, whoever asks (issue 9, hole 8): an API key is capped as
 * itself, not by its bank server's IP, and may pass the end user's IP for the per-IP cap. A recovery's
 * contact codes count against the IP of the device that asked for them.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../../../worker/env.ts';
import { decoyClock } from '../../../worker/messenger/decoy-timing.ts';
import type { Verification, VerificationStart } from '../../../worker/objects/verification.ts';
import { bootstrapAdmin, errorCode, register } from '../client.ts';
import { directCall } from '../direct-call.ts';
import { enrolPhone, issueKey, messagesTo, startVerification } from '../otp-helpers.ts';
import { RecoveringDevice, setUpContacts } from '../recovery-helpers.ts';

let key: string;
let keyId: string;
beforeAll(async () => {
  // These tests are about the caps, not the decoy timing (no-enumeration.test.ts).
  decoyClock.pause = async () => {};
  const issued = await issueKey(await bootstrapAdmin(), ['verifications']);
  key = issued.key;
  keyId = issued.apiKey.id;
});

const fieldsOf = (answer: { body: unknown }) =>
  (answer.body as { error: { fields?: Record<string, string> } }).error.fields ?? {};

describe('API-key callers are capped per key and by the end user’s IP, not by their server’s IP', {
  timeout: 30_000,
}, () => {
  it('lets one bank server start more than the per-IP cap (30 in 10 minutes) for different end users', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const answer = await startVerification(
        { key },
        { account: `server.user.${i}`, channel: 'sms', purpose: 'sign_in' },
        { 'CF-Connecting-IP': '198.51.100.250' },
      );
      statuses.push(answer.status);
    }
    expect(statuses.every((s) => s === 201)).toBe(true);
  });

  it('caps the end user’s IP the key passes, across accounts (30 in 10 minutes)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const answer = await startVerification(
        { key },
        {
          account: `same.user.${i}`,
          channel: 'sms',
          purpose: 'sign_in',
          // Spelled two ways: one address, one cap.
          rate_limits: { end_user_ip_address: i % 2 ? '2001:db8::7' : '2001:DB8:0:0:0:0:0:7' },
        },
      );
      statuses.push(answer.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 201)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('counts every start of a key against its own budget', async () => {
    await startVerification({ key }, { account: 'counted.user', channel: 'sms', purpose: 'sign_in' });
    const budget = env.SEND_BUDGET.get(env.SEND_BUDGET.idFromName(`key:${keyId}`));
    const counted = await runInDurableObject(
      budget,
      (_o, state) => state.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM sends').one().n,
    );
    expect(counted).toBeGreaterThanOrEqual(1);
  });

  it('refuses a malformed end-user IP with a field error, and starts nothing', async () => {
    for (const bad of ['203.0.113.256', 'not-an-ip', '::g', '1.2.3']) {
      const answer = await startVerification(
        { key },
        { account: 'bad.ip', channel: 'sms', purpose: 'sign_in', rate_limits: { end_user_ip_address: bad } },
      );
      expect(answer.status).toBe(400);
      expect(errorCode(answer)).toBe('invalid_input');
      expect(Object.keys(fieldsOf(answer))).toEqual(['rate_limits.end_user_ip_address']);
    }
  });
});

const directStart = (owner: string, destination: string | null, n: number): VerificationStart => ({
  purpose: 'sign_in',
  channel: 'sms',
  destination,
  masked: '+44 •••• ••• 000',
  accountId: null,
  owner,
  subject: `direct.${n}`,
  budgetKeys: [`account:direct.${owner}.${n}`],
  ip: null,
  transaction: null,
});

/** Starts a verification on a new Verification object, called directly (no route), with `vars` over its env. */
async function startDirectly(input: VerificationStart, vars: Partial<Env> = {}) {
  const stub = env.VERIFICATION.get(env.VERIFICATION.newUniqueId());
  return runInDurableObject(stub, async (instance: Verification, state) => {
    const inner = instance as unknown as { env: Env };
    const own = inner.env;
    inner.env = { ...own, ...vars };
    try {
      const started = await instance.start(input, directCall);
      const rows = state.storage.sql.exec('SELECT * FROM verification').toArray().length;
      return { started, rows };
    } finally {
      inner.env = own;
    }
  });
}

describe('the Verification object applies the caps and the guard whoever calls it', { timeout: 30_000 }, () => {
  it('caps an API key by its quota (API_KEY_SEND_CAPS), whatever the end user', async () => {
    const quota = { API_KEY_SEND_CAPS: '2/10m' };
    const reasons: string[] = [];
    for (let n = 0; n < 3; n++) {
      const { started } = await startDirectly(directStart('key:00000000000000aa', null, n), quota);
      reasons.push(started.ok ? 'started' : started.reason);
    }
    expect(reasons).toEqual(['started', 'started', 'rate_limited']);
    // Another key has a quota of its own.
    expect((await startDirectly(directStart('key:00000000000000bb', null, 9), quota)).started.ok).toBe(true);
  });

  it('refuses Verification.start to a calling code outside the allowed list, and keeps nothing', async () => {
    const { started, rows } = await startDirectly(directStart('account:direct', '+79123456781', 1));
    expect(started).toMatchObject({ ok: false, reason: 'destination_not_allowed' });
    expect(rows).toBe(0);
    expect(await messagesTo('+79123456781')).toHaveLength(0);
  });

  it('refuses Verification.start without a per-account budget', async () => {
    const { started, rows } = await startDirectly({ ...directStart('account:direct', null, 2), budgetKeys: [] });
    expect(started).toMatchObject({ ok: false, reason: 'invalid' });
    expect(rows).toBe(0);
  });
});

/** How many sends the SendBudget `name` has counted. */
async function counted(name: string): Promise<number> {
  const budget = env.SEND_BUDGET.get(env.SEND_BUDGET.idFromName(name));
  return runInDurableObject(
    budget,
    (_o, state) => state.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM sends').one().n,
  );
}

describe('recovery contact codes are capped per client like every code', { timeout: 30_000 }, () => {
  it('counts each contact code against the IP of the device that asked for it', async () => {
    const phone = '+447911148899';
    const person = await register('caps.recovering', { displayName: 'Casey Caps' });
    await enrolPhone(person.session, phone, '198.51.103.1');
    const set = await setUpContacts(person, [
      { name: 'Ann', phone: '+447911148891' },
      { name: 'Bob', phone: '+447911148892' },
      { name: 'Cy', phone: '+447911148893' },
    ]);
    expect(set.status).toBe(201);
    const device = new RecoveringDevice();
    const ip = '198.51.103.77';
    const view = await device.throughFirstFactor('caps.recovering', phone, ip);
    const before = await counted(`ip:${ip}`);
    const chosen = await device.choose(view.contacts.map((c) => c.id));
    expect(chosen.status).toBe(200);
    expect(chosen.body.undelivered).toEqual([]);
    expect((await counted(`ip:${ip}`)) - before).toBe(3);
  });
});
