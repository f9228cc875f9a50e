/**
 * The admin's webhook routes (issue 12): admin role only; adding and deleting need the admin's fresh
 * passkey assertion (purpose webhook), used up by WebhookConfig itself and audited; bad input to
 * each gets a 4xx in the error shape; the secret is answered once and never listed; at most 10
 * endpoints; recent deliveries.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../shared/errors.ts';
import type { WebhookDeliveryWire, WebhookEndpointWire } from '../../shared/webhooks.ts';
import { type Person, staff } from './call-helpers.ts';
import { call, errorCode, register } from './client.ts';
import { staffAssertion } from './otp-helpers.ts';
import { addEndpoint, deleteEndpoint, deliverDue, receiver, shardOf } from './webhook-helpers.ts';

let admin: Person;
let agent: Person;
beforeAll(async () => {
  ({ admin, agent } = await staff('webhook.admin.agent'));
});

/** Adds with the admin's assertion (another person's session: the assertion is the admin's, the cookie theirs). */
const create = async (body: Record<string, unknown>, cookie = admin.session) =>
  call('/api/admin/webhooks', { body: { ...body, ...(await staffAssertion(admin, 'webhook')) }, cookie });
const fields = (answer: { body: unknown }) => (answer.body as ErrorBody).error.fields ?? {};
const hook = (name: string) => `${receiver}/hooks/${name}`;

describe('admin webhook routes', () => {
  it('are for admins only', async () => {
    const customer = await register('webhook.customer');
    const body = { url: hook('x'), types: ['call.status_changed'] };
    expect((await call('/api/admin/webhooks')).status).toBe(401);
    for (const who of [agent, customer]) {
      expect(errorCode(await create(body, who.session))).toBe('forbidden');
      expect((await call('/api/admin/webhooks', { cookie: who.session })).status).toBe(403);
      expect((await call('/api/admin/webhooks/deliveries', { cookie: who.session })).status).toBe(403);
      const removed = await call('/api/admin/webhooks/wh_0123456789abcdef/delete', { body: {}, cookie: who.session });
      expect(removed.status).toBe(403);
    }
  });

  it('answers bad input with 400 and a message per field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ types: ['call.status_changed'] }, 'url'],
      [{ url: '', types: ['call.status_changed'] }, 'url'],
      [{ url: 42, types: ['call.status_changed'] }, 'url'],
      [{ url: 'not a url', types: ['call.status_changed'] }, 'url'],
      [{ url: 'http://hooks.bank.example/x', types: ['call.status_changed'] }, 'url'],
      [{ url: 'https://user:pw@hooks.bank.example/x', types: ['call.status_changed'] }, 'url'],
      [{ url: `https://hooks.bank.example/${'a'.repeat(2048)}`, types: ['call.status_changed'] }, 'url'],
      [{ url: hook('x') }, 'types'],
      [{ url: hook('x'), types: [] }, 'types'],
      [{ url: hook('x'), types: ['account.deleted'] }, 'types.0'],
      [{ url: hook('x'), types: 'call.status_changed' }, 'types'],
      [{ url: hook('x'), types: ['call.status_changed'], secret: 'mine' }, '(body)'],
    ];
    for (const [body, field] of cases) {
      const answer = await create(body);
      expect({ body, status: answer.status, code: errorCode(answer) }).toEqual({
        body,
        status: 400,
        code: 'invalid_input',
      });
      expect(Object.keys(fields(answer))).toContain(field);
    }
    expect(errorCode(await call('/api/admin/webhooks', { raw: '{"url":', cookie: admin.session }))).toBe(
      'malformed_json',
    );
    const asText = await call('/api/admin/webhooks', {
      raw: 'url=x',
      headers: { 'Content-Type': 'text/plain' },
      cookie: admin.session,
    });
    expect(asText.status).toBe(415);
    const badId = await deleteEndpoint(admin, 'nope');
    expect({ status: badId.status, code: errorCode(badId) }).toEqual({ status: 400, code: 'invalid_input' });
    const unknown = await deleteEndpoint(admin, 'wh_0123456789abcdef');
    expect({ status: unknown.status, code: errorCode(unknown) }).toEqual({ status: 404, code: 'webhook_not_found' });
    for (const limit of ['0', '101', 'ten', '']) {
      const answer = await call(`/api/admin/webhooks/deliveries?limit=${limit}`, { cookie: admin.session });
      expect({ limit, status: answer.status, code: errorCode(answer) }).toEqual({
        limit,
        status: 400,
        code: 'invalid_input',
      });
    }
    const foreign = await call('/api/admin/webhooks', {
      body: { url: hook('x'), types: ['call.status_changed'] },
      cookie: admin.session,
      origin: 'https://evil.example',
    });
    expect(errorCode(foreign)).toBe('origin_rejected');
  });

  it('answers the secret once; the list never shows it; delete removes the endpoint', async () => {
    const created = await addEndpoint(admin, {
      url: hook('listed'),
      types: ['call.status_changed', 'call.status_changed', 'recovery.status_changed'],
    });
    expect(created.status).toBe(201);
    expect(created.body.endpoint).toMatchObject({
      url: hook('listed'),
      types: ['call.status_changed', 'recovery.status_changed'],
      createdBy: expect.any(String),
    });
    const listed = await call<{ endpoints: WebhookEndpointWire[] }>('/api/admin/webhooks', { cookie: admin.session });
    expect(listed.body.endpoints.map((e) => e.id)).toContain(created.body.endpoint.id);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
    const removed = await deleteEndpoint(admin, created.body.endpoint.id);
    expect(removed.body).toEqual({ deleted: created.body.endpoint.id });
    const after = await call<{ endpoints: WebhookEndpointWire[] }>('/api/admin/webhooks', { cookie: admin.session });
    expect(after.body.endpoints.map((e) => e.id)).not.toContain(created.body.endpoint.id);
  });

  it('lists recent deliveries of every shard, newest first', async () => {
    const created = await addEndpoint(admin, { url: hook('recent'), types: ['verification.status_changed'] });
    const ids = ['a', 'b', 'c'].map((c) => c.repeat(64));
    for (const [i, id] of ids.entries()) {
      await shardOf(id).enqueue({
        id: `${id}:approved`,
        type: 'verification.status_changed',
        createdAt: Date.now() + i,
        data: { verification_id: id, status: 'approved' },
      });
      await deliverDue(id);
    }
    const listed = await call<{ deliveries: WebhookDeliveryWire[] }>('/api/admin/webhooks/deliveries?limit=2', {
      cookie: admin.session,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.deliveries.map((d) => d.eventId)).toEqual([`${ids[2]}:approved`, `${ids[1]}:approved`]);
    expect(listed.body.deliveries[0]).toMatchObject({
      endpointId: created.body.endpoint.id,
      status: 'delivered',
      attempts: 1,
      lastResponse: 200,
    });
  });

  it('keeps at most 10 endpoints', async () => {
    const listed = await call<{ endpoints: WebhookEndpointWire[] }>('/api/admin/webhooks', { cookie: admin.session });
    for (let i = listed.body.endpoints.length; i < 10; i++) {
      expect((await create({ url: hook(`many-${i}`), types: ['call.status_changed'] })).status).toBe(201);
    }
    const eleventh = await create({ url: hook('eleventh'), types: ['call.status_changed'] });
    expect({ status: eleventh.status, code: errorCode(eleventh) }).toEqual({ status: 409, code: 'webhook_limit' });
  });
});
