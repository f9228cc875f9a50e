/**
 * A webhook endpoint change needs the admin's fresh passkey assertion (purpose webhook), as an API
 * key does: without one the route answers 403 `fresh_assertion_required`; an assertion made for
 * another purpose is refused by the route and, called directly, by WebhookConfig itself (the object
 * that applies the change uses the approval up); each change is a security event of the admin.
 */
import { env } from 'cloudflare:workers';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../shared/errors.ts';
import type { WebhookEndpointWire } from '../../shared/webhooks.ts';
import { type Person, staff } from './call-helpers.ts';
import { auditOf, call, errorCode } from './client.ts';
import { directCall } from './direct-call.ts';
import { staffAssertion } from './otp-helpers.ts';
import { addEndpoint, deleteEndpoint, receiver } from './webhook-helpers.ts';

let admin: Person;
beforeAll(async () => {
  ({ admin } = await staff('webhook.assertion.agent'));
});

const config = () => env.WEBHOOK_CONFIG.get(env.WEBHOOK_CONFIG.idFromName('webhooks'));
const listed = async () =>
  (await call<{ endpoints: WebhookEndpointWire[] }>('/api/admin/webhooks', { cookie: admin.session })).body.endpoints;
const hook = (name: string) => `${receiver}/hooks/${name}`;

/** An assertion for `purpose`, verified at its PasskeyChallenge as the route would: its approval waits there. */
async function approvalFor(purpose: 'webhook' | 'api_key') {
  const { ceremonyId, credential } = await staffAssertion(admin, purpose);
  const challenge = env.PASSKEY_CHALLENGE.get(env.PASSKEY_CHALLENGE.idFromString(ceremonyId));
  const asserted = await challenge.assert(
    purpose === 'webhook' ? 'staff_webhook' : 'staff_api_key',
    admin.account.id,
    credential as unknown as AuthenticationResponseJSON,
  );
  expect(asserted.ok).toBe(true);
  return ceremonyId;
}

const by = (proofId: string) => ({ adminId: admin.account.id, proofId, context: directCall });

describe('webhook endpoint changes need a fresh passkey assertion', () => {
  it('answers 403 fresh_assertion_required in the error shape to an add or a delete without one', async () => {
    const before = await listed();
    const added = await call<ErrorBody>('/api/admin/webhooks', {
      body: { url: hook('no-assertion'), types: ['call.status_changed'] },
      cookie: admin.session,
    });
    expect(added.status).toBe(403);
    expect(added.body.error).toEqual({
      code: 'fresh_assertion_required',
      message: expect.any(String),
    });
    expect(await listed()).toEqual(before);

    const { body } = await addEndpoint(admin, { url: hook('kept'), types: ['call.status_changed'] });
    const removed = await call(`/api/admin/webhooks/${body.endpoint.id}/delete`, { body: {}, cookie: admin.session });
    expect({ status: removed.status, code: errorCode(removed) }).toEqual({
      status: 403,
      code: 'fresh_assertion_required',
    });
    expect((await listed()).map((e) => e.id)).toContain(body.endpoint.id);
    expect((await deleteEndpoint(admin, body.endpoint.id)).status).toBe(200);
  });

  it('refuses, at the route, an assertion made for another purpose (an API key)', async () => {
    const before = await listed();
    const answer = await call('/api/admin/webhooks', {
      body: { url: hook('other-purpose'), types: ['call.status_changed'], ...(await staffAssertion(admin, 'api_key')) },
      cookie: admin.session,
    });
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('ceremony_invalid');
    expect(await listed()).toEqual(before);
  });

  it('is checked again by WebhookConfig itself: another purpose, none, or one used twice is no proof', async () => {
    const input = { url: hook('direct'), types: ['call.status_changed' as const], createdBy: 'first.admin' };
    const otherPurpose = await config().create(input, by(await approvalFor('api_key')));
    expect(otherPurpose).toEqual({ ok: false, reason: 'no_proof' });
    expect(await config().create(input, by('0'.repeat(64)))).toEqual({ ok: false, reason: 'no_proof' });

    const proof = await approvalFor('webhook');
    const created = await config().create(input, by(proof));
    expect(created.ok).toBe(true);
    expect(await config().create(input, by(proof))).toEqual({ ok: false, reason: 'no_proof' });

    const id = created.ok ? created.value.endpoint.id : '';
    expect(await config().remove(id, by(await approvalFor('api_key')))).toEqual({ ok: false, reason: 'no_proof' });
    expect((await listed()).map((e) => e.id)).toContain(id);
    expect(await config().remove(id, by(await approvalFor('webhook')))).toEqual({ ok: true, value: null });
  });

  it('records each add and delete as a security event of the admin (endpoint id and host)', async () => {
    const { body } = await addEndpoint(admin, { url: hook('audited'), types: ['recovery.status_changed'] });
    expect((await deleteEndpoint(admin, body.endpoint.id)).status).toBe(200);
    const events = (await auditOf(admin.session)).filter((e) => e.detail.endpoint === body.endpoint.id);
    const host = new URL(receiver).host;
    expect(events.map((e) => e.type)).toEqual(['webhook_endpoint_deleted', 'webhook_endpoint_added']);
    for (const e of events) expect(e.detail).toMatchObject({ host, types: 'recovery.status_changed' });
  });
});
