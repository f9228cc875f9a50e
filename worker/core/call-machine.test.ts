import { describe, expect, it } from 'vitest';
import {
  act,
  confirmed,
  countTry,
  declined,
  ends,
  expiry,
  partyCall,
  reported,
  validCallStart,
  wrongCode,
} from './call-machine.ts';
import { type CallRecord, codeLimits } from './call-rules.ts';
import { readSettings } from './config.ts';

const limits = codeLimits(readSettings({}));
const agentId = 'a'.repeat(64);
const customerId = 'b'.repeat(64);
const at = 1_000;
const call = (more: Partial<CallRecord> = {}): CallRecord => ({
  callId: 'c'.repeat(64),
  state: 'awaiting_customer',
  agentId,
  agentName: 'Anna K.',
  agentTeam: null,
  customerId,
  customerName: 'Jo Bloggs',
  customerHandle: 'jo.bloggs',
  startedAt: 0,
  updatedAt: 0,
  expiresAt: 300_000,
  customerCodeHash: null,
  customerCodeTries: 0,
  customerCodeWrong: 0,
  agentCodeHash: null,
  agentCodeTries: 0,
  agentCodeWrong: 0,
  failedOn: null,
  reported: false,
  ...more,
});

describe('call machine: who may act', () => {
  it('checks a start: two different, well-formed accounts', () => {
    const start = {
      agent: { id: agentId, displayName: 'Anna', team: null },
      customer: { id: customerId, displayName: 'Jo', handle: 'jo' },
    };
    expect(validCallStart(start)).toBe(true);
    expect(validCallStart({ ...start, customer: { ...start.customer, id: agentId } })).toBe(false);
    expect(validCallStart({ ...start, agent: { ...start.agent, id: 'short' } })).toBe(false);
  });

  it('tells nobody but its two parties that the call exists', () => {
    expect(partyCall(call(), 'e'.repeat(64))).toEqual({ ok: false, reason: 'not_found' });
    expect(partyCall(null, agentId)).toEqual({ ok: false, reason: 'not_found' });
    expect(partyCall(call(), customerId)).toMatchObject({ ok: true, value: { party: 'customer' } });
  });

  it('lets only the right party act, in the right state, before the call runs out', () => {
    expect(act(call(), customerId, 'customer', 'decline', at).ok).toBe(true);
    expect(act(call(), agentId, 'customer', 'decline', at)).toEqual({ ok: false, reason: 'not_found' });
    expect(act(call({ state: 'verified' }), customerId, 'customer', 'decline', at)).toEqual({
      ok: false,
      reason: 'wrong_state',
    });
    expect(act(call(), customerId, 'customer', 'decline', 300_000)).toEqual({ ok: false, reason: 'wrong_state' });
  });
});

describe('call machine: codes', () => {
  it('counts a try before the hash, and refuses once the tries are used up', () => {
    const issued = call({ state: 'customer_code_issued', customerCodeTries: 2 });
    expect(countTry(issued, agentId, 'customer_code', limits, at)).toMatchObject({
      ok: true,
      value: { customerCodeTries: 3 },
    });
    const spent = call({ state: 'customer_code_issued', customerCodeTries: limits.customer_code });
    expect(countTry(spent, agentId, 'customer_code', limits, at)).toEqual({ ok: false, reason: 'wrong_state' });
    const agentSpent = call({ state: 'agent_code_issued', agentCodeTries: limits.agent_code });
    expect(countTry(agentSpent, customerId, 'agent_code', limits, at)).toEqual({ ok: false, reason: 'wrong_state' });
    expect(countTry(issued, customerId, 'customer_code', limits, at)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('fails the call on the last wrong try and forgets both codes; earlier ones only count', () => {
    const hash = new Uint8Array(32);
    const one = call({ state: 'agent_code_issued', agentCodeHash: hash, agentCodeWrong: 0 });
    expect(wrongCode(one, 'agent_code', 'customer', limits)).toEqual({ fails: false, wrong: 1 });
    const last = call({ state: 'agent_code_issued', agentCodeHash: hash, agentCodeWrong: limits.agent_code - 1 });
    const failed = wrongCode(last, 'agent_code', 'customer', limits);
    expect(failed).toEqual({
      fails: true,
      transition: {
        change: {
          agentCodeWrong: limits.agent_code,
          state: 'failed',
          failedOn: 'agent_code',
          customerCodeHash: null,
          agentCodeHash: null,
        },
        event: 'call_failed',
        party: 'customer',
        detail: { code: 'agent_code' },
        incident: { kind: 'call_failed' },
      },
    });
  });

  it('makes the customer code exist only with the passkey confirmation', () => {
    const hash = new Uint8Array(32).fill(1);
    expect(confirmed(hash).change).toEqual({ state: 'customer_code_issued', customerCodeHash: hash });
  });
});

describe('call machine: ends and incidents', () => {
  it('records an incident after a decline, and before the step of a report', () => {
    expect(declined).toMatchObject({ change: { state: 'declined' }, incident: { kind: 'customer_denied_call' } });
    expect(reported).toMatchObject({ change: { reported: true }, incident: { kind: 'call_reported', before: true } });
  });

  it('expires a call still going, and only deletes one that ended', () => {
    expect(expiry(call())).toEqual({ change: { state: 'expired' }, event: 'call_expired', party: null });
    expect(expiry(call({ state: 'verified' }))).toBeNull();
    expect(expiry(null)).toBeNull();
  });

  it('says when a step ends the call', () => {
    expect(ends(call(), call({ state: 'declined' }))).toBe(true);
    expect(ends(call(), call({ state: 'customer_code_issued' }))).toBe(false);
    expect(ends(call({ state: 'failed' }), call({ state: 'failed', reported: true }))).toBe(false);
  });
});
