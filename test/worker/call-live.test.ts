import { runDurableObjectAlarm } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CallSummary } from '../../shared/calls.ts';
import {
  checkAgentCode,
  checkCustomerCode,
  confirm,
  openSocket,
  type Person,
  staff,
  startCall,
} from './call-helpers.ts';
import { call, errorCode, nameFrom, origin, register } from './client.ts';
import { newSubscription, receivedBy } from './push-client.ts';

let agent: Person;
let n = 0;
const customer = async () => {
  n += 1;
  return { person: await register(`live.${n}`, { displayName: `Lee Live ${nameFrom(n)}` }), handle: `live.${n}` };
};

beforeAll(async () => {
  ({ agent } = await staff());
});

const liveCalls = async (person: Person) =>
  (await call<{ calls: CallSummary[] }>('/api/live/calls', { cookie: person.session })).body.calls;

describe('live updates over WebSockets', () => {
  it('tells the customer’s open app about a new call at once', async () => {
    const { person, handle } = await customer();
    const socket = await openSocket('/api/live/socket', person.session);
    await socket.next((m) => m.type === 'calls' && m.calls.length === 0);
    const id = await startCall(agent, handle);
    const message = await socket.next((m) => m.type === 'calls' && m.calls.some((c) => c.id === id));
    expect(message).toMatchObject({
      type: 'calls',
      calls: [{ id, state: 'awaiting_customer', agent: { displayName: 'Anna K.', team: 'Fraud team' } }],
    });
    socket.ws.close();
  });

  it('sends each party its own view of every step on the call’s socket', async () => {
    const { person, handle } = await customer();
    const id = await startCall(agent, handle);
    const agentSocket = await openSocket(`/api/calls/${id}/live`, agent.session);
    const customerSocket = await openSocket(`/api/calls/${id}/live`, person.session);
    await agentSocket.next((m) => m.type === 'call' && m.call.state === 'awaiting_customer' && m.call.you === 'agent');
    const { code } = (await confirm(person, id)).body;
    await agentSocket.next((m) => m.type === 'call' && m.call.state === 'customer_code_issued');
    const agentCode = (await checkCustomerCode(agent, id, code)).body.agentCode as string;
    await customerSocket.next(
      (m) => m.type === 'call' && m.call.state === 'agent_code_issued' && m.call.you === 'customer',
    );
    await checkAgentCode(person, id, agentCode);
    await agentSocket.next((m) => m.type === 'call' && m.call.state === 'verified');
    await customerSocket.next((m) => m.type === 'call' && m.call.state === 'verified');
    // No message on either socket ever carried a code.
    for (const text of [...agentSocket.messages, ...customerSocket.messages].map((m) => JSON.stringify(m))) {
      expect(text).not.toContain(code);
      expect(text).not.toContain(agentCode);
    }
  });

  it('shows the current state to a socket that reconnects', async () => {
    const { person, handle } = await customer();
    const id = await startCall(agent, handle);
    await confirm(person, id);
    const socket = await openSocket(`/api/calls/${id}/live`, agent.session);
    const first = await socket.next((m) => m.type === 'call');
    expect(first).toMatchObject({ call: { state: 'customer_code_issued' } });
  });

  it('tells both sockets when the call expires, then closes them', async () => {
    const { person, handle } = await customer();
    const id = await startCall(agent, handle);
    const socket = await openSocket(`/api/calls/${id}/live`, person.session);
    const closed = new Promise((resolve) => socket.ws.addEventListener('close', resolve));
    await runDurableObjectAlarm(env.CALL.get(env.CALL.idFromString(id)));
    await socket.next((m) => m.type === 'call' && m.call.state === 'expired');
    await closed;
  });

  it('refuses a socket to anyone but the parties, and from another site', async () => {
    const { handle } = await customer();
    const { person: outsider } = await customer();
    const id = await startCall(agent, handle);
    await expect(openSocket(`/api/calls/${id}/live`, outsider.session)).rejects.toThrow(/404/);
    const foreign = await exports.default.fetch(
      new Request(`${origin}/api/calls/${id}/live`, {
        headers: { Upgrade: 'websocket', Origin: 'https://evil.example', Cookie: `__Host-session=${agent.session}` },
      }),
    );
    expect(foreign.status).toBe(403);
    expect(foreign.webSocket).toBeNull();
    const anonymous = await exports.default.fetch(
      new Request(`${origin}/api/live/socket`, { headers: { Upgrade: 'websocket', Origin: origin } }),
    );
    expect(anonymous.status).toBe(401);
  });
});

describe('web push', () => {
  it('alerts the customer’s subscribed devices when an agent starts a call', async () => {
    const { person, handle } = await customer();
    const subscription = await newSubscription();
    expect((await call('/api/me/push-subscriptions', { body: subscription, cookie: person.session })).status).toBe(201);
    const id = await startCall(agent, handle);
    let received = await receivedBy(subscription);
    for (let i = 0; i < 40 && received.messages.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      received = await receivedBy(subscription);
    }
    expect(received.rejections).toEqual([]);
    expect(received.messages.map((m) => JSON.parse(m.payload))).toEqual([
      { type: 'call', callId: id, agent: { displayName: 'Anna K.', team: 'Fraud team' } },
    ]);
  });
});

describe('is the bank calling me now?', () => {
  it('shows a pending call, then the verified call, with the agent’s name and team', async () => {
    const { person, handle } = await customer();
    expect(await liveCalls(person)).toEqual([]);
    const id = await startCall(agent, handle);
    expect(await liveCalls(person)).toMatchObject([
      { id, state: 'awaiting_customer', agent: { displayName: 'Anna K.' } },
    ]);
    const { code } = (await confirm(person, id)).body;
    const agentCode = (await checkCustomerCode(agent, id, code)).body.agentCode as string;
    await checkAgentCode(person, id, agentCode);
    expect(await liveCalls(person)).toMatchObject([{ id, state: 'verified', agent: { team: 'Fraud team' } }]);
  });

  it('shows nothing once the call is canceled, declined or expired', async () => {
    const { person, handle } = await customer();
    const canceled = await startCall(agent, handle);
    await call(`/api/calls/${canceled}/cancel`, { method: 'POST', cookie: agent.session });
    const declined = await startCall(agent, handle);
    await call(`/api/calls/${declined}/decline`, { method: 'POST', cookie: person.session });
    const expired = await startCall(agent, handle);
    await runDurableObjectAlarm(env.CALL.get(env.CALL.idFromString(expired)));
    expect(await liveCalls(person)).toEqual([]);
  });

  it('is the customer’s own: agents get no card', async () => {
    expect(errorCode(await call('/api/live/calls', { cookie: agent.session }))).toBe('forbidden');
  });
});
