import { describe, expect, it } from 'vitest';
import { type CallRecord, codeLimits, failsAfter, mayTry, viewFor } from './call-rules.ts';
import { readSettings } from './config.ts';

const call: CallRecord = {
  callId: 'c'.repeat(64),
  state: 'agent_code_issued',
  agentId: 'a'.repeat(64),
  agentName: 'Anna K.',
  agentTeam: 'Fraud team',
  customerId: 'b'.repeat(64),
  customerName: 'Jo Bloggs',
  customerHandle: 'jo.bloggs',
  startedAt: 1,
  updatedAt: 1,
  expiresAt: 300_001,
  customerCodeHash: null,
  customerCodeTries: 1,
  customerCodeWrong: 0,
  agentCodeHash: new Uint8Array(32),
  agentCodeTries: 0,
  agentCodeWrong: 0,
  failedOn: null,
  reported: false,
};

describe('code limits of a call', () => {
  it("gives the agent's code three tries by default, the customer's code five", () => {
    const limits = codeLimits(readSettings({}));
    expect(limits).toEqual({ customer_code: 5, agent_code: 3 });
    expect(viewFor(call, 'customer', limits)).toMatchObject({ customerCodeTriesLeft: 4, agentCodeTriesLeft: 3 });
  });

  it("allows a fourth check of the agent's code only when configured", () => {
    const three = codeLimits({ callAgentCodeTries: 3 });
    expect(mayTry({ ...call, agentCodeTries: 2 }, 'agent_code', three)).toBe(true);
    expect(mayTry({ ...call, agentCodeTries: 3 }, 'agent_code', three)).toBe(false);
    expect(mayTry({ ...call, agentCodeTries: 3 }, 'agent_code', codeLimits({ callAgentCodeTries: 4 }))).toBe(true);
    // The customer's code keeps its own five.
    expect(mayTry({ ...call, customerCodeTries: 4 }, 'customer_code', three)).toBe(true);
  });

  it('fails the call at the last wrong try, never above five', () => {
    const three = codeLimits({ callAgentCodeTries: 3 });
    expect(failsAfter(2, 'agent_code', three)).toBe(false);
    expect(failsAfter(3, 'agent_code', three)).toBe(true);
    expect(failsAfter(4, 'customer_code', three)).toBe(false);
    expect(codeLimits({ callAgentCodeTries: 9 }).agent_code).toBe(5);
  });
});
