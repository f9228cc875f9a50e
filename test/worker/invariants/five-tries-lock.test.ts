/**
 * Invariant: "At most 5 wrong tries per code (PSD2 RTS art. 4); then the ceremony locks and the
 * right code fails too. The lock is an event in the audit log." Concurrent checks cannot overshoot.
 * Moved here from calls.test.ts. The agent's code, which the customer types, has fewer tries
 * (CALL_AGENT_CODE_TRIES, default 3: issue 11). The OTP lock is held in verifications.test.ts ("locks after five
 * wrong codes", "never lets concurrent wrong checks overshoot five") and the recovery lock in
 * recovery.test.ts (see README.md here).
 */
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { CallVerification } from '../../../worker/objects/call-verification.ts';
import { checkAgentCode, checkCustomerCode, confirm, otherCode, startCall, viewCall } from '../call-helpers.ts';
import { auditOf, call, errorCode, nameFrom, register } from '../client.ts';
import { directCall } from '../direct-call.ts';
import { callPeople, callStub } from './call-setup.ts';

const people = callPeople();
const customer = () => register(`customer.${++people.n}`, { displayName: `Chris Customer ${nameFrom(people.n)}` });

describe('five wrong tries lock a call', () => {
  it('fails the call after five wrong customer codes, and then the right code fails too', async () => {
    const chris = await customer();
    const id = await startCall(people.agent, `customer.${people.n}`);
    const { code } = (await confirm(chris, id)).body;
    const left: number[] = [];
    for (let i = 0; i < 5; i++) left.push((await checkCustomerCode(people.agent, id, otherCode(code))).body.triesLeft);
    expect(left).toEqual([4, 3, 2, 1, 0]);
    const call5 = (await viewCall(people.agent, id)).body.call;
    expect(call5).toMatchObject({ state: 'failed', failedOn: 'customer_code' });
    expect(errorCode(await checkCustomerCode(people.agent, id, code))).toBe('call_state');
    const incidents = await call<{ incidents: { callId: string; kind: string }[] }>('/api/incidents', {
      cookie: people.admin.session,
    });
    expect(incidents.body.incidents).toContainEqual(expect.objectContaining({ callId: id, kind: 'call_failed' }));
    expect((await auditOf(chris.session)).map((e) => e.type)).toContain('call_failed');
  });

  it('counts at most five of 100 wrong checks interleaved inside the object', async () => {
    const chris = await customer();
    const id = await startCall(people.agent, `customer.${people.n}`);
    const { code } = (await confirm(chris, id)).body;
    const results = await runInDurableObject(callStub(id), (o: CallVerification) =>
      Promise.all(
        Array.from({ length: 100 }, () => o.checkCustomerCode(people.agent.account.id, otherCode(code), directCall)),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect((await viewCall(people.agent, id)).body.call).toMatchObject({ state: 'failed', customerCodeTriesLeft: 0 });
    const row = await runInDurableObject(callStub(id), (_o, state) =>
      state.storage.sql.exec<{ customer_code_tries: number }>('SELECT customer_code_tries FROM call').one(),
    );
    expect(row.customer_code_tries).toBe(5);
  });

  it('never counts more than five tries, however many wrong checks arrive at once', async () => {
    const chris = await customer();
    const id = await startCall(people.agent, `customer.${people.n}`);
    const { code } = (await confirm(chris, id)).body;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => checkCustomerCode(people.agent, id, otherCode(code))),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(5);
    const row = await runInDurableObject(callStub(id), (_o, state) =>
      state.storage.sql.exec<{ customer_code_tries: number; state: string }>('SELECT * FROM call').one(),
    );
    expect(row.customer_code_tries).toBe(5);
    expect(row.state).toBe('failed');
  });
});

describe("three wrong tries of the agent's code lock a call (CALL_AGENT_CODE_TRIES)", () => {
  /** A call at the agent's code; answers the code the customer should type. */
  async function atAgentCode() {
    const chris = await customer();
    const id = await startCall(people.agent, `customer.${people.n}`);
    const { code } = (await confirm(chris, id)).body;
    const agentCode = (await checkCustomerCode(people.agent, id, code)).body.agentCode as string;
    return { chris, id, agentCode };
  }

  it('fails the call after three wrong agent codes, and then the right agent code fails too', async () => {
    const { chris, id, agentCode } = await atAgentCode();
    expect((await viewCall(chris, id)).body.call.agentCodeTriesLeft).toBe(3);
    const left: number[] = [];
    for (let i = 0; i < 3; i++) left.push((await checkAgentCode(chris, id, otherCode(agentCode))).body.triesLeft);
    expect(left).toEqual([2, 1, 0]);
    expect((await viewCall(chris, id)).body.call).toMatchObject({ state: 'failed', failedOn: 'agent_code' });
    expect(errorCode(await checkAgentCode(chris, id, agentCode))).toBe('call_state');
    const incidents = await call<{ incidents: { callId: string; kind: string; failedOn: string }[] }>(
      '/api/incidents',
      { cookie: people.admin.session },
    );
    expect(incidents.body.incidents).toContainEqual(
      expect.objectContaining({ callId: id, kind: 'call_failed', failedOn: 'agent_code' }),
    );
  });

  it('counts at most three of 50 wrong agent codes checked at once', async () => {
    const { chris, id, agentCode } = await atAgentCode();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => checkAgentCode(chris, id, otherCode(agentCode))),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
    const row = await runInDurableObject(callStub(id), (_o, state) =>
      state.storage.sql.exec<{ agent_code_tries: number; state: string }>('SELECT * FROM call').one(),
    );
    expect(row).toMatchObject({ agent_code_tries: 3, state: 'failed' });
  });
});
