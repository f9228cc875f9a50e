/** People and steps for call-verification tests: an agent (invited by the bootstrap admin) and customers. */
import { exports } from 'cloudflare:workers';
import type { CallView, CodeCheck, LiveMessage } from '../../shared/calls.ts';
import type { SoftAuthenticator } from '../support/authenticator.ts';
import { bootstrapAdmin, call, nameFrom, origin, register } from './client.ts';

export interface Person {
  session: string;
  account: { id: string; role: string };
  authenticator: SoftAuthenticator;
}

/** The bootstrap admin and one agent of the Fraud team (call once per test file). */
export async function staff(agentHandle = 'anna.k') {
  const admin = await bootstrapAdmin();
  const invite = await call<{ code: string }>('/api/admin/invites', {
    body: { role: 'agent', team: 'Fraud team' },
    cookie: admin.session,
  });
  const agent = await register(agentHandle, { displayName: 'Anna K.', inviteCode: invite.body.code });
  return { admin, agent };
}

/** Another agent, invited by `admin`. */
export async function anotherAgent(admin: Person, handle: string) {
  const invite = await call<{ code: string }>('/api/admin/invites', {
    body: { role: 'agent', team: 'Payments' },
    cookie: admin.session,
  });
  return register(handle, { displayName: `Agent ${nameFrom(handle)}`, inviteCode: invite.body.code });
}

/** The agent starts a verification of the customer with this handle; returns the call id. */
export async function startCall(agent: Person, customerHandle: string): Promise<string> {
  const started = await call<{ call: CallView }>('/api/calls', {
    body: { customer: customerHandle },
    cookie: agent.session,
  });
  if (started.status !== 201) throw new Error(`start call: ${started.status} ${JSON.stringify(started.body)}`);
  return started.body.call.id;
}

/** The customer answers "yes, I am on a call" with a passkey; returns the answer (the code on success). */
export async function confirm(customer: Person, callId: string, authenticator = customer.authenticator) {
  const options = await call<{ options: Parameters<SoftAuthenticator['authenticate']>[0] }>(
    `/api/calls/${callId}/confirm/options`,
    { method: 'POST', cookie: customer.session },
  );
  if (options.status !== 200) throw new Error(`confirm options: ${options.status} ${JSON.stringify(options.body)}`);
  const credential = await authenticator.authenticate(options.body.options);
  return call<{ code: string; call: CallView }>(`/api/calls/${callId}/confirm`, {
    body: credential,
    cookie: customer.session,
  });
}

/** The agent types a customer code. */
export const checkCustomerCode = (agent: Person, callId: string, code: string) =>
  call<CodeCheck & { agentCode?: string }>(`/api/calls/${callId}/customer-code`, {
    body: { code },
    cookie: agent.session,
  });

/** The customer types an agent code. */
export const checkAgentCode = (customer: Person, callId: string, code: string) =>
  call<CodeCheck>(`/api/calls/${callId}/agent-code`, { body: { code }, cookie: customer.session });

/** The call as this person sees it. */
export const viewCall = (person: Person, callId: string) =>
  call<{ call: CallView }>(`/api/calls/${callId}`, { cookie: person.session });

/** A six-digit code that is not `code`. */
export const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** Opens a live socket as a browser would; collects its messages. */
export async function openSocket(path: string, session: string) {
  const response = await exports.default.fetch(
    new Request(`${origin}${path}`, {
      headers: { Upgrade: 'websocket', Origin: origin, Cookie: `__Host-session=${session}` },
    }),
  );
  const ws = response.webSocket;
  if (!ws) throw new Error(`no socket: ${response.status} ${await response.text()}`);
  const messages: LiveMessage[] = [];
  const waiters: (() => void)[] = [];
  ws.addEventListener('message', (event) => {
    messages.push(JSON.parse(String(event.data)) as LiveMessage);
    for (const wake of waiters.splice(0)) wake();
  });
  ws.accept();
  /** Waits until a message satisfies `test` (or fails after 2 s). */
  const next = async (test: (m: LiveMessage) => boolean): Promise<LiveMessage> => {
    const deadline = Date.now() + 2_000;
    for (;;) {
      const found = messages.find(test);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no such message; got ${JSON.stringify(messages)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };
  return { ws, messages, next };
}
