import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CallView } from '../../shared/calls.ts';
import {
  anotherAgent,
  checkAgentCode,
  checkCustomerCode,
  confirm,
  otherCode,
  type Person,
  staff,
  startCall,
  viewCall,
} from './call-helpers.ts';
import { auditOf, call, errorCode, nameFrom, register } from './client.ts';

let admin: Person;
let agent: Person;
let n = 0;
/** A fresh customer for each test (storage is shared within the file). */
const customer = () => register(`customer.${++n}`, { displayName: `Chris Customer ${nameFrom(n)}` });

beforeAll(async () => {
  ({ admin, agent } = await staff());
});

const callStub = (id: string) => env.CALL.get(env.CALL.idFromString(id));

describe('two-way call verification', () => {
  it('verifies both sides: customer code after a passkey, then the agent code', async () => {
    const chris = await customer();
    const id = await startCall(agent, 'customer.1');

    const seen = await viewCall(chris, id);
    expect(seen.body.call).toMatchObject({
      you: 'customer',
      state: 'awaiting_customer',
      agent: { displayName: 'Anna K.', team: 'Fraud team' },
    });

    const confirmed = await confirm(chris, id);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.code).toMatch(/^\d{6}$/);
    expect(confirmed.body.call.state).toBe('customer_code_issued');

    const matched = await checkCustomerCode(agent, id, confirmed.body.code);
    expect(matched.body).toMatchObject({ outcome: 'matched', call: { state: 'agent_code_issued', you: 'agent' } });
    expect(matched.body.agentCode).toMatch(/^\d{6}$/);

    const verified = await checkAgentCode(chris, id, matched.body.agentCode as string);
    expect(verified.body).toMatchObject({ outcome: 'matched', call: { state: 'verified', you: 'customer' } });
    expect((await viewCall(agent, id)).body.call.state).toBe('verified');
  });

  it('accepts a code typed with a space, as it is read aloud', async () => {
    const chris = await customer();
    const id = await startCall(agent, `customer.${n}`);
    const { code } = (await confirm(chris, id)).body;
    const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
    expect((await checkCustomerCode(agent, id, spaced)).body.outcome).toBe('matched');
  });
});

describe('codes', () => {
  it('never shows the agent code before the customer code checked out', async () => {
    const chris = await customer();
    const id = await startCall(agent, `customer.${n}`);
    const { code } = (await confirm(chris, id)).body;
    const wrong = await checkCustomerCode(agent, id, otherCode(code));
    expect(wrong.body.outcome).toBe('mismatch');
    expect(wrong.body.agentCode).toBeUndefined();
    const row = await runInDurableObject(callStub(id), (_o, state) =>
      state.storage.sql.exec('SELECT agent_code_hash FROM call').one(),
    );
    expect(row.agent_code_hash).toBeNull();
    // The customer cannot check an agent code that does not exist yet.
    expect(errorCode(await checkAgentCode(chris, id, code))).toBe('call_state');
  });

  it('tells the customer to hang up after three wrong agent codes (CALL_AGENT_CODE_TRIES), and takes a report', async () => {
    const chris = await customer();
    const id = await startCall(agent, `customer.${n}`);
    const { code } = (await confirm(chris, id)).body;
    const agentCode = (await checkCustomerCode(agent, id, code)).body.agentCode as string;
    for (let i = 0; i < 3; i++) await checkAgentCode(chris, id, otherCode(agentCode));
    expect((await viewCall(chris, id)).body.call).toMatchObject({ state: 'failed', failedOn: 'agent_code' });
    expect(errorCode(await checkAgentCode(chris, id, agentCode))).toBe('call_state');

    const reported = await call<{ call: CallView }>(`/api/calls/${id}/report`, {
      body: { note: 'They asked for my card PIN' },
      cookie: chris.session,
    });
    expect(reported.body.call.reported).toBe(true);
    const incidents = await call<{ incidents: { callId: string; kind: string; note: string | null }[] }>(
      '/api/incidents',
      { cookie: agent.session },
    );
    expect(incidents.body.incidents).toContainEqual(
      expect.objectContaining({ callId: id, kind: 'call_reported', note: 'They asked for my card PIN' }),
    );
    expect(errorCode(await call('/api/incidents', { cookie: chris.session }))).toBe('forbidden');
  });
});

describe('who may see and act', () => {
  it('hides the call from everyone but its two parties', async () => {
    const chris = await customer();
    const other = await customer();
    const id = await startCall(agent, `customer.${n - 1}`);
    const otherAgent = await anotherAgent(admin, `agent.${n}`);
    for (const outsider of [other, otherAgent, admin]) {
      expect(errorCode(await viewCall(outsider, id))).toBe('call_not_found');
    }
    expect(errorCode(await call(`/api/calls/${id}/confirm/options`, { method: 'POST', cookie: other.session }))).toBe(
      'call_not_found',
    );
    expect(errorCode(await checkCustomerCode(otherAgent, id, '123456'))).toBe('call_not_found');
    expect(errorCode(await call(`/api/calls/${id}/cancel`, { method: 'POST', cookie: otherAgent.session }))).toBe(
      'call_not_found',
    );
    // Each party may only take their own side's steps.
    expect(errorCode(await checkCustomerCode(chris, id, '123456'))).toBe('call_not_found');
    expect(errorCode(await call(`/api/calls/${id}/decline`, { method: 'POST', cookie: agent.session }))).toBe(
      'call_not_found',
    );
  });

  it('lets only agents start a call, and only with a customer who has the app', async () => {
    const chris = await customer();
    expect(errorCode(await call('/api/calls', { body: { customer: 'anna.k' }, cookie: chris.session }))).toBe(
      'forbidden',
    );
    // Staff are told the truth: no such customer (a typo, or a staff account) is not "no app".
    expect(errorCode(await call('/api/calls', { body: { customer: 'nobody.here' }, cookie: agent.session }))).toBe(
      'customer_not_found',
    );
    expect(errorCode(await call('/api/calls', { body: { customer: 'first.admin' }, cookie: agent.session }))).toBe(
      'customer_not_found',
    );
  });

  it('answers bad input with a 4xx in the error shape', async () => {
    const chris = await customer();
    const id = await startCall(agent, `customer.${n}`);
    const letters = await call<{ error: { fields: Record<string, string> } }>(`/api/calls/${id}/customer-code`, {
      body: { code: 'abcdef' },
      cookie: agent.session,
    });
    expect(letters.status).toBe(400);
    expect(letters.body.error.fields.code).toMatch(/six digits/);
    expect((await checkCustomerCode(agent, 'not-an-id', '123456')).status).toBe(400);
    expect(errorCode(await checkCustomerCode(agent, 'a'.repeat(64), '123456'))).toBe('call_not_found');
    expect(errorCode(await call('/api/calls', { body: { customer: 42 }, cookie: agent.session }))).toBe(
      'invalid_input',
    );
    // Bad input counted no try.
    expect((await viewCall(chris, id)).body.call.customerCodeTriesLeft).toBe(5);
  });
});

describe('endings', () => {
  it('records an incident when the customer says they are not on a call; the agent sees it; it never verifies', async () => {
    const chris = await customer();
    const id = await startCall(agent, `customer.${n}`);
    const declined = await call<{ call: CallView }>(`/api/calls/${id}/decline`, {
      method: 'POST',
      cookie: chris.session,
    });
    expect(declined.body.call.state).toBe('declined');
    expect((await viewCall(agent, id)).body.call.state).toBe('declined');
    const incidents = await call<{ incidents: { callId: string; kind: string; customerHandle: string }[] }>(
      '/api/incidents',
      { cookie: agent.session },
    );
    expect(incidents.body.incidents).toContainEqual(
      expect.objectContaining({ callId: id, kind: 'customer_denied_call', customerHandle: `customer.${n}` }),
    );
    // Declined is final: no passkey, no code, no second answer, no cancel.
    const late = await call(`/api/calls/${id}/confirm/options`, { method: 'POST', cookie: chris.session });
    expect(errorCode(late)).toBe('call_state');
    await expect(confirm(chris, id)).rejects.toThrow(/confirm options/);
    expect(errorCode(await checkCustomerCode(agent, id, '123456'))).toBe('call_state');
    expect(errorCode(await call(`/api/calls/${id}/decline`, { method: 'POST', cookie: chris.session }))).toBe(
      'call_state',
    );
    expect((await viewCall(chris, id)).body.call.state).toBe('declined');
    // One incident for the one denial.
    const again = await call<{ incidents: { callId: string }[] }>('/api/incidents', { cookie: agent.session });
    expect(again.body.incidents.filter((i) => i.callId === id)).toHaveLength(1);
  });

  it('lets the agent cancel at any step', async () => {
    const chris = await customer();
    const id = await startCall(agent, `customer.${n}`);
    const { code } = (await confirm(chris, id)).body;
    const canceled = await call<{ call: CallView }>(`/api/calls/${id}/cancel`, {
      method: 'POST',
      cookie: agent.session,
    });
    expect(canceled.body.call.state).toBe('canceled');
    expect(errorCode(await checkCustomerCode(agent, id, code))).toBe('call_state');
  });

  it('expires by alarm, tells both accounts, and is deleted', async () => {
    const chris = await customer();
    const id = await startCall(agent, `customer.${n}`);
    const alarm = await runInDurableObject(callStub(id), (_o, state) => state.storage.getAlarm());
    expect((alarm as number) - Date.now()).toBeGreaterThan(290_000);
    expect((alarm as number) - Date.now()).toBeLessThanOrEqual(300_000);
    expect(await runDurableObjectAlarm(callStub(id))).toBe(true);
    expect(errorCode(await viewCall(chris, id))).toBe('call_not_found');
    const rows = await runInDurableObject(callStub(id), (_o, state) =>
      state.storage.sql.exec('SELECT * FROM call').toArray(),
    );
    expect(rows).toHaveLength(0);
    expect((await auditOf(chris.session)).find((e) => e.detail.call === id)?.type).toBe('call_expired');
  });

  it('loses nothing when the object restarts mid-call', async () => {
    const chris = await customer();
    const id = await startCall(agent, `customer.${n}`);
    const { code } = (await confirm(chris, id)).body;
    await runInDurableObject(callStub(id), (_o, state) => {
      state.abort('restart for the test');
    }).catch(() => undefined);
    const matched = await checkCustomerCode(agent, id, code);
    expect(matched.body.outcome).toBe('matched');
    expect((await checkAgentCode(chris, id, matched.body.agentCode as string)).body.call.state).toBe('verified');
  });
});
