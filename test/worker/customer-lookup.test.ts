/**
 * The agent console's look-up of a customer (issue 11): by handle, verified phone or the bank's
 * reference; the truth for staff (found, or plainly not found, never a decoy), each look-up in the
 * agent's own audit log, capped per agent.
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/account.ts';
import type { CustomerDetails } from '../../shared/customers.ts';
import { testClock } from '../../worker/core/clock.ts';
import { anotherAgent, type Person, staff } from './call-helpers.ts';
import { call, errorCode, register } from './client.ts';
import { directCall } from './direct-call.ts';
import { customerWithPhone, issueKey, messagesTo } from './otp-helpers.ts';

let admin: Person;
let agent: Person;
let referenceKey: string;
const phone = '+447911126001';

const lookUp = (query: Record<string, string | undefined>, who: { session: string } = agent) =>
  call<{ customer: CustomerDetails }>(`/api/agent/customers?${new URLSearchParams(query as Record<string, string>)}`, {
    cookie: who.session,
  });

const setReference = (handle: string, reference: string) =>
  call(`/api/v1/customers/${handle}/reference`, {
    method: 'PUT',
    body: { reference },
    headers: { Authorization: `Bearer ${referenceKey}` },
    origin: null,
  });

/** The newest events of this person's own audit log. */
const auditOf = async (who: { session: string }) =>
  (await call<{ events: AuditEvent[] }>('/api/me/audit', { cookie: who.session })).body.events;

beforeAll(async () => {
  ({ admin, agent } = await staff('look.agent'));
  await customerWithPhone('jo.lookup', phone);
  await register('no.phone', { displayName: 'Nora Phone' });
  referenceKey = (await issueKey(admin, ['customers'])).key;
  expect((await setReference('jo.lookup', 'CUST-0001')).status).toBe(200);
});

afterEach(() => testClock.reset());

describe('finding a customer', () => {
  it('finds a customer by handle, verified phone or reference, with what the agent needs', async () => {
    const expected = {
      handle: 'jo.lookup',
      phone: '+44 •••• ••• 001',
      hasApp: true,
      reference: 'CUST-0001',
    };
    for (const query of [{ handle: 'jo.lookup' }, { phone: '+44 7911 126001' }, { reference: 'cust-0001' }]) {
      const found = await lookUp(query);
      expect(found.status, JSON.stringify(query)).toBe(200);
      expect(found.body.customer).toMatchObject(expected);
    }
    const plain = await lookUp({ handle: 'no.phone' });
    expect(plain.body.customer).toMatchObject({ displayName: 'Nora Phone', phone: null, reference: null });
  });

  it('says plainly that no customer matches: a 404 with the message, for each kind', async () => {
    for (const query of [{ handle: 'jo.lookupp' }, { phone: '+447911126999' }, { reference: 'CUST-9999' }]) {
      const missed = await lookUp(query);
      expect(missed.status).toBe(404);
      expect(missed.body).toMatchObject({
        error: { code: 'customer_not_found', message: expect.stringMatching(/^No customer matches/) },
      });
    }
    // Staff accounts are not customers.
    expect(errorCode(await lookUp({ handle: 'look.agent' }))).toBe('customer_not_found');
  });

  it('records each look-up in the agent’s own log, masked, found or not', async () => {
    await lookUp({ phone: '+447911126001' });
    await lookUp({ reference: 'NOBODY-42' });
    const [missed, found] = (await auditOf(agent)).filter((e) => e.type === 'customer_lookup');
    expect(missed?.detail).toEqual({
      kind: 'reference',
      searched: 'NO•••••••',
      found: false,
      customer: null,
      purpose: 'search',
    });
    expect(found?.detail).toEqual({
      kind: 'phone',
      searched: '+44 •••• ••• 001',
      found: true,
      customer: 'jo.lookup',
      purpose: 'search',
    });
  });

  it('is written only by an agent’s account, and only as a look-up (the Account checks)', async () => {
    const customer = await register('log.customer');
    const lookup = { kind: 'handle', searched: 'jo•••', found: false, customer: null, purpose: 'search' } as const;
    const accounts = env.ACCOUNT;
    const agentAccount = accounts.get(accounts.idFromString(agent.account.id));
    expect(
      await accounts.get(accounts.idFromString(customer.account.id)).recordCustomerLookup(lookup, directCall),
    ).toBe(false);
    expect(await agentAccount.recordCustomerLookup({ ...lookup, kind: 'email' as 'handle' }, directCall)).toBe(false);
    expect(await agentAccount.recordCustomerLookup({ ...lookup, found: true }, directCall)).toBe(false);
    expect(await agentAccount.recordCustomerLookup({ ...lookup, searched: 'x'.repeat(41) }, directCall)).toBe(false);
    expect(await agentAccount.recordCustomerLookup(lookup, directCall)).toBe(true);
  });

  it('is for agents only', async () => {
    const customer = await register('look.customer');
    expect(errorCode(await lookUp({ handle: 'jo.lookup' }, customer))).toBe('forbidden');
    expect(errorCode(await lookUp({ handle: 'jo.lookup' }, admin))).toBe('forbidden');
    expect((await call('/api/agent/customers?handle=jo.lookup')).status).toBe(401);
  });

  it('answers bad input with a 400 in the error shape', async () => {
    const refused = [
      {},
      { handle: 'jo.lookup', phone: '+447911126001' },
      { phone: '12345' },
      { phone: 'not a number' },
      { reference: 'has space' },
      { reference: 'x'.repeat(65) },
      { handle: 'x' },
      { name: 'jo' },
    ];
    for (const query of refused) {
      const answer = await lookUp(query);
      expect(answer.status, JSON.stringify(query)).toBe(400);
      expect(errorCode(answer)).toBe('invalid_input');
    }
  });

  it('caps look-ups per agent, with Retry-After; another agent is not held up', async () => {
    const busy = await anotherAgent(admin, 'busy.agent');
    for (let i = 0; i < 60; i++) expect((await lookUp({ handle: 'jo.lookup' }, busy)).status).toBe(200);
    const capped = await lookUp({ handle: 'jo.lookup' }, busy);
    expect(capped.status).toBe(429);
    expect(errorCode(capped)).toBe('lookup_limit');
    expect(Number(capped.headers.get('Retry-After'))).toBeGreaterThan(500);
    expect((await lookUp({ handle: 'jo.lookup' })).status).toBe(200);
    testClock.advance(10 * 60_000 + 1000);
    expect((await lookUp({ handle: 'jo.lookup' }, busy)).status).toBe(200);
  });
});

describe('the agent’s one-time code by phone', () => {
  it('is sent to the verified phone of a customer found by handle, and audited', async () => {
    const sent = await call<{ to: string }>('/api/agent/fallback-code', {
      body: { customer: 'jo.lookup', channel: 'sms' },
      cookie: agent.session,
    });
    expect(sent.status).toBe(201);
    expect(sent.body.to).toBe('+44 •••• ••• 001');
    const [event] = (await auditOf(agent)).filter((e) => e.type === 'customer_lookup');
    expect(event?.detail).toMatchObject({ kind: 'handle', found: true, purpose: 'fallback' });
  });

  it('tells the agent the truth: no such customer, or no verified phone; never a decoy', async () => {
    const before = (await messagesTo(phone)).length;
    const unknown = await call('/api/agent/fallback-code', {
      body: { customer: 'no.such.person', channel: 'sms' },
      cookie: agent.session,
    });
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown)).toBe('customer_not_found');
    const noPhone = await call('/api/agent/fallback-code', {
      body: { customer: 'no.phone', channel: 'call' },
      cookie: agent.session,
    });
    expect(noPhone.status).toBe(409);
    expect(errorCode(noPhone)).toBe('customer_no_phone');
    expect(JSON.stringify(noPhone.body)).not.toMatch(/•/);
    expect((await messagesTo(phone)).length).toBe(before);
  });

  it('starting a call tells a typo from a customer without the app', async () => {
    const typo = await call('/api/calls', { body: { customer: 'jo.lookupp' }, cookie: agent.session });
    expect(errorCode(typo)).toBe('customer_not_found');
    expect(typo.status).toBe(404);
    const [event] = (await auditOf(agent)).filter((e) => e.type === 'customer_lookup');
    expect(event?.detail).toEqual({
      kind: 'handle',
      searched: 'jo••••••••',
      found: false,
      customer: null,
      purpose: 'call',
    });
  });
});
