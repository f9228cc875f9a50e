/// <reference types="vite/client" />
/**
 * Every security event names the request that caused it (worker/core/event-cause.ts): the paths
 * whose events once had no request id — invites, staff disable/enable, the steps of a call
 * verification (CallVerification → both Accounts), messages (the messenger → Account), the lock and
 * the unlock on a call — each carry the `Request-Id` of their request into the SIEM export; an
 * event written by an alarm says so (`requestId` null in the export, `source: 'alarm'` in its log
 * line), and only code in an object's `alarm()` uses that cause.
 */
import { runDurableObjectAlarm } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SecurityEventWire } from '../../shared/security-events.ts';
import { testClock } from '../../worker/core/clock.ts';
import { confirm, otherCode, type Person } from './call-helpers.ts';
import { type Answer, bootstrapAdmin, call, register } from './client.ts';
import { enrolPhone, issueKey, staffAssertion } from './otp-helpers.ts';
import { savePreferencesWith } from './protection-helpers.ts';
import { deliver, readAll, toMidHour } from './security-export-helpers.ts';

let admin: Awaited<ReturnType<typeof bootstrapAdmin>>;
let auditKey: string;

beforeAll(async () => {
  toMidHour();
  admin = await bootstrapAdmin();
  auditKey = (await issueKey(admin, ['audit'], 'SIEM')).key;
});
afterEach(() => vi.restoreAllMocks());
afterAll(() => testClock.reset());

const idOf = (answer: Answer<unknown>) => {
  const id = answer.headers.get('Request-Id');
  if (!id) throw new Error('no Request-Id header');
  return id;
};

/** The exported events of these accounts, after each delivered its queue. */
async function exported(...accountIds: string[]): Promise<SecurityEventWire[]> {
  for (const id of accountIds) await deliver(id);
  const { events } = await readAll(auditKey, null, 500);
  return events.filter((e) => accountIds.includes(e.account));
}

/** The request ids of `account`'s exported events of `type` (for `call`, that call's only). */
function requestIdsOf(events: SecurityEventWire[], account: string, type: string, call?: string) {
  return events
    .filter((e) => e.account === account && e.type === type && (call === undefined || e.detail.call === call))
    .map((e) => e.requestId);
}

async function invite(team: string) {
  const issued = await call<{ code: string }>('/api/admin/invites', {
    body: { role: 'agent', team },
    cookie: admin.session,
  });
  expect(issued.status).toBe(201);
  return { code: issued.body.code, requestId: idOf(issued) };
}

async function setAccess(target: string, action: 'disable' | 'enable') {
  const answer = await call(`/api/admin/staff/${target}/${action}`, {
    body: await staffAssertion(admin, 'access'),
    cookie: admin.session,
  });
  expect(answer.status).toBe(200);
  return idOf(answer);
}

async function startCall(agent: Person, customer: string) {
  const started = await call<{ call: { id: string } }>('/api/calls', { body: { customer }, cookie: agent.session });
  expect(started.status).toBe(201);
  return { id: started.body.call.id, requestId: idOf(started) };
}

describe('the request id of every security event', () => {
  it('names the invite request on invite_issued and the registration on invite_used', async () => {
    const issued = await invite('Fraud team');
    const agent = await register('req.agent', { displayName: 'Rita Agent', inviteCode: issued.code });
    const events = await exported(admin.account.id, agent.account.id);
    expect(requestIdsOf(events, admin.account.id, 'invite_issued')).toEqual([issued.requestId]);
    expect(requestIdsOf(events, admin.account.id, 'invite_used')).toEqual([agent.requestId]);
    expect(requestIdsOf(events, agent.account.id, 'account_created')).toEqual([agent.requestId]);
  });

  it('names the admin request on both accounts when staff are disabled and enabled', async () => {
    const issued = await invite('Payments');
    const leaver = await register('req.leaver', { displayName: 'Lee Leaver', inviteCode: issued.code });
    const disabled = await setAccess(leaver.account.id, 'disable');
    const enabled = await setAccess(leaver.account.id, 'enable');
    const events = await exported(admin.account.id, leaver.account.id);
    expect(requestIdsOf(events, leaver.account.id, 'disabled_by_admin')).toEqual([disabled]);
    expect(requestIdsOf(events, admin.account.id, 'staff_disabled')).toEqual([disabled]);
    expect(requestIdsOf(events, leaver.account.id, 'enabled_by_admin')).toEqual([enabled]);
    expect(requestIdsOf(events, admin.account.id, 'staff_enabled')).toEqual([enabled]);
  });

  it("names each call step's own request on both accounts, a wrong try its own too", async () => {
    const issued = await invite('Fraud team');
    const agent = (await register('req.caller', { displayName: 'Cara Agent', inviteCode: issued.code })) as Person;
    const customer = (await register('req.customer', { displayName: 'Cy Customer' })) as Person;
    const started = await startCall(agent, 'req.customer');
    const confirmed = await confirm(customer, started.id);
    expect(confirmed.status).toBe(200);
    const wrong = await call(`/api/calls/${started.id}/customer-code`, {
      body: { code: otherCode(confirmed.body.code) },
      cookie: agent.session,
    });
    expect(wrong.status).toBe(200);
    const matched = await call<{ agentCode: string }>(`/api/calls/${started.id}/customer-code`, {
      body: { code: confirmed.body.code },
      cookie: agent.session,
    });
    expect(matched.body.agentCode).toMatch(/^\d{6}$/);
    const verified = await call(`/api/calls/${started.id}/agent-code`, {
      body: { code: matched.body.agentCode },
      cookie: customer.session,
    });
    expect(verified.status).toBe(200);

    const events = await exported(agent.account.id, customer.account.id);
    for (const party of [agent, customer]) {
      const of = (type: string) => requestIdsOf(events, party.account.id, type, started.id);
      expect(of('call_started')).toEqual([started.requestId]);
      expect(of('call_confirmed')).toEqual([idOf(confirmed)]);
      // Logged with the next step, but named for the request that typed it.
      expect(of('call_code_wrong')).toEqual([idOf(wrong)]);
      expect(of('call_code_matched')).toEqual([idOf(matched)]);
      expect(of('call_verified')).toEqual([idOf(verified)]);
    }
  });

  it('names the request a message was sent for: a code, and the announcement of a change', async () => {
    const holder = await register('req.holder', { displayName: 'Hal Holder' });
    await enrolPhone(holder.session, '+447911127001');
    const saved = await savePreferencesWith(holder.session, holder.authenticator, {
      stepUp: 'always',
      otpChannel: 'sms',
    });
    expect(saved.status).toBe(200);
    const events = await exported(holder.account.id);
    const [otpSent] = events.filter((e) => e.type === 'otp_sent');
    const [approved] = events.filter((e) => e.type === 'otp_approved');
    // The code went out in the start's request and was approved in the check's (which verified the phone).
    expect(otpSent?.requestId).toMatch(/^req_[0-9a-f]{32}$/);
    expect(approved?.requestId).toMatch(/^req_[0-9a-f]{32}$/);
    expect(approved?.requestId).not.toBe(otpSent?.requestId);
    expect(requestIdsOf(events, holder.account.id, 'contact_verified')).toEqual([approved?.requestId]);
    expect(requestIdsOf(events, holder.account.id, 'preferences_changed')).toEqual([idOf(saved)]);
    expect(requestIdsOf(events, holder.account.id, 'message_sent')).toEqual([idOf(saved)]);
  });

  it('names the lock request, the refusal while locked, and the unlock on the call (CallVerification → Account)', async () => {
    const issued = await invite('Fraud team');
    const agent = (await register('req.unlocker', { displayName: 'Una Agent', inviteCode: issued.code })) as Person;
    const customer = (await register('req.locker', { displayName: 'Lou Locker' })) as Person;
    const locked = await call('/api/me/lock', { method: 'POST', cookie: customer.session });
    expect(locked.status).toBe(200);
    const refused = await call('/api/v1/verifications', {
      body: { to: '+447911127002', channel: 'sms', purpose: 'enrol_phone' },
      cookie: customer.session,
    });
    expect(refused.status).toBe(423);
    const started = await startCall(agent, 'req.locker');
    const confirmed = await confirm(customer, started.id);
    const matched = await call<{ agentCode: string }>(`/api/calls/${started.id}/customer-code`, {
      body: { code: confirmed.body.code },
      cookie: agent.session,
    });
    await call(`/api/calls/${started.id}/agent-code`, {
      body: { code: matched.body.agentCode },
      cookie: customer.session,
    });
    const unlocked = await call(`/api/calls/${started.id}/unlock`, { method: 'POST', cookie: agent.session });
    expect(unlocked.status).toBe(200);
    const events = await exported(customer.account.id);
    expect(requestIdsOf(events, customer.account.id, 'account_locked')).toEqual([idOf(locked)]);
    expect(
      events.filter((e) => e.type === 'effect_refused' && e.detail.reason === 'account_locked').map((e) => e.requestId),
    ).toEqual([idOf(refused)]);
    expect(requestIdsOf(events, customer.account.id, 'account_unlocked')).toEqual([idOf(unlocked)]);
  });

  it('says an alarm wrote an event: no request id in the export, source alarm in its log line', async () => {
    const issued = await invite('Fraud team');
    const agent = (await register('req.waiter', { displayName: 'Wes Agent', inviteCode: issued.code })) as Person;
    const customer = await register('req.absent', { displayName: 'Abe Absent' });
    const started = await startCall(agent, 'req.absent');
    const info = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await runDurableObjectAlarm(env.CALL.get(env.CALL.idFromString(started.id)))).toBe(true);
    const lines = info.mock.calls
      .map(([line]) => JSON.parse(String(line)) as Record<string, unknown>)
      .filter((l) => l.event === 'security_event' && l.type === 'call_expired');
    expect(lines.map((l) => [l.account, l.requestId, l.source]).sort()).toEqual(
      [
        [agent.account.id, null, 'alarm'],
        [customer.account.id, null, 'alarm'],
      ].sort(),
    );
    info.mockRestore();
    const events = await exported(agent.account.id, customer.account.id);
    expect(requestIdsOf(events, customer.account.id, 'call_expired', started.id)).toEqual([null]);
    expect(requestIdsOf(events, customer.account.id, 'call_started', started.id)).toEqual([started.requestId]);
  });

  it('leaves no event of these requests without its request id but those of an alarm', async () => {
    const { events } = await readAll(auditKey, null, 500);
    expect(events.length).toBeGreaterThan(40);
    const unnamed = events.filter((e) => e.requestId === null).map((e) => e.type);
    expect([...new Set(unnamed)]).toEqual(['call_expired']);
  });
});

const workerSources = import.meta.glob('/worker/**/*.ts', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

describe('the alarm cause', () => {
  it("is used only inside an object's alarm()", () => {
    const misused: string[] = [];
    let uses = 0;
    for (const [path, text] of Object.entries(workerSources)) {
      if (path.endsWith('.test.ts') || path === '/worker/core/event-cause.ts') continue;
      // The body of `override async alarm()`: up to the method's closing brace at its own indent.
      const alarm = /\n( {2})override async alarm\(\)[^{]*\{[\s\S]*?\n\1\}/.exec(text);
      const from = alarm?.index ?? -1;
      const to = from + (alarm?.[0].length ?? 0);
      for (const m of text.matchAll(/\bbyAlarm\b/g)) {
        const line = text.slice(text.lastIndexOf('\n', m.index) + 1, text.indexOf('\n', m.index));
        if (/^\s*(import|\/\*\*|\*)/.test(line)) continue;
        uses++;
        if (m.index < from || m.index > to) misused.push(`${path}: ${line.trim()}`);
      }
    }
    expect(uses).toBeGreaterThanOrEqual(4);
    expect(misused).toEqual([]);
  });
});
