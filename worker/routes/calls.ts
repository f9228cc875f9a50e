/**
 * Two-way call verification. Agents start a call and check the customer's code; the named
 * customer confirms with a passkey, reads their code, and checks the agent's. Anyone else is told
 * the call does not exist.
 */
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { Hono } from 'hono/tiny';
import { signInVerifyBody } from '../../shared/api.ts';
import { callIdParam, codeBody, reportBody, startCallBody } from '../../shared/calls.ts';
import { errorText, log } from '../core/log.ts';
import type { AppEnv } from '../http/context.ts';
import { findCustomer } from '../http/customer-lookup.ts';
import { errorResponse } from '../http/errors.ts';
import { refuse } from '../http/refusals.ts';
import { requireRole, requireSession } from '../http/session.ts';
import { accountById, callById } from '../http/stubs.ts';
import { jsonBody, pathParams } from '../http/validate.ts';

const confirmBody = signInVerifyBody.shape.credential;

export const calls = new Hono<AppEnv>()
  .use(requireSession)

  .post('/', requireRole('agent'), jsonBody(startCallBody), async (c) => {
    const { customer: handle } = c.req.valid('json');
    // A look-up like the console's (capped, audited): a typo is "no such customer", not "no app".
    const found = await findCustomer(c, 'handle', handle, 'call');
    if (!found.ok) return refuse(c, 'lookup', found.reason, { retryAfterMs: found.retryAfterMs });
    const customer = accountById(c.env, found.value.id);
    if (!customer || !found.value.details.hasApp) return errorResponse(c, 'customer_not_enrolled');
    const profile = found.value.details;
    const agent = c.var.account;
    const started = await c.env.CALL.get(c.env.CALL.newUniqueId()).start(
      {
        agent: { id: agent.id, displayName: agent.displayName, team: agent.team },
        customer: { id: found.value.id, displayName: profile.displayName, handle: profile.handle },
      },
      c.var.requestContext,
    );
    if (!started.ok) return refuse(c, 'callStart', started.reason);
    // Web Push to the customer's devices, after the answer: a slow push service must not hold up the agent.
    const alert = customer.pushToDevices(
      { type: 'call', callId: started.value.id, agent: { displayName: agent.displayName, team: agent.team } },
      c.var.requestContext,
    );
    c.executionCtx.waitUntil(
      alert.then(
        () => undefined,
        (e) => log('warn', 'call_alert_not_pushed', { error: errorText(e) }),
      ),
    );
    return c.json({ call: started.value }, 201);
  })

  .get('/:id', pathParams(callIdParam), async (c) => {
    const found = await callById(c.env, c.req.valid('param').id)?.view(c.var.account.id);
    if (!found?.ok) return refuse(c, 'call', 'not_found');
    return c.json({ call: found.value }, 200);
  })

  .get('/:id/live', pathParams(callIdParam), async (c) => {
    if (c.req.header('Upgrade') !== 'websocket')
      return errorResponse(c, 'invalid_input', { Upgrade: { text: 'websocket' } });
    // Browsers send Origin on WebSocket handshakes: refuse other sites (cross-site WebSocket hijacking).
    if (c.req.header('Origin') !== c.var.settings.origin) return errorResponse(c, 'origin_rejected');
    const call = callById(c.env, c.req.valid('param').id);
    if (!call) return refuse(c, 'call', 'not_found');
    const headers = new Headers(c.req.raw.headers);
    headers.set('X-Countersign-Account', c.var.account.id);
    const answer = await call.fetch(new Request(c.req.url, { headers }));
    if (answer.status !== 101) return refuse(c, 'call', 'not_found');
    return answer;
  })

  .post('/:id/decline', pathParams(callIdParam), async (c) => {
    const done = await callById(c.env, c.req.valid('param').id)?.decline(c.var.account.id, c.var.requestContext);
    if (!done?.ok) return refuse(c, 'call', done?.reason ?? 'not_found');
    return c.json({ call: done.value }, 200);
  })

  .post('/:id/confirm/options', pathParams(callIdParam), async (c) => {
    const options = await callById(c.env, c.req.valid('param').id)?.confirmOptions(c.var.account.id);
    if (!options?.ok) return refuse(c, 'call', options?.reason ?? 'not_found');
    return c.json({ options: options.value }, 200);
  })

  .post('/:id/confirm', pathParams(callIdParam), jsonBody(confirmBody), async (c) => {
    const credential = c.req.valid('json') as AuthenticationResponseJSON;
    const done = await callById(c.env, c.req.valid('param').id)?.confirm(
      c.var.account.id,
      credential,
      c.var.requestContext,
    );
    if (!done?.ok) return refuse(c, 'call', done?.reason ?? 'not_found');
    return c.json(done.value, 200);
  })

  .post('/:id/customer-code', pathParams(callIdParam), jsonBody(codeBody), async (c) => {
    const checked = await callById(c.env, c.req.valid('param').id)?.checkCustomerCode(
      c.var.account.id,
      c.req.valid('json').code,
      c.var.requestContext,
    );
    if (!checked?.ok) return refuse(c, 'call', checked?.reason ?? 'not_found');
    return c.json(checked.value, 200);
  })

  .post('/:id/agent-code/new', pathParams(callIdParam), async (c) => {
    const issued = await callById(c.env, c.req.valid('param').id)?.reissueAgentCode(c.var.account.id);
    if (!issued?.ok) return refuse(c, 'call', issued?.reason ?? 'not_found');
    return c.json(issued.value, 200);
  })

  .post('/:id/agent-code', pathParams(callIdParam), jsonBody(codeBody), async (c) => {
    const checked = await callById(c.env, c.req.valid('param').id)?.checkAgentCode(
      c.var.account.id,
      c.req.valid('json').code,
      c.var.requestContext,
    );
    if (!checked?.ok) return refuse(c, 'call', checked?.reason ?? 'not_found');
    return c.json(checked.value, 200);
  })

  .post('/:id/cancel', pathParams(callIdParam), async (c) => {
    const done = await callById(c.env, c.req.valid('param').id)?.cancel(c.var.account.id, c.var.requestContext);
    if (!done?.ok) return refuse(c, 'call', done?.reason ?? 'not_found');
    return c.json({ call: done.value }, 200);
  })

  .post('/:id/report', pathParams(callIdParam), jsonBody(reportBody), async (c) => {
    const { note } = c.req.valid('json');
    const done = await callById(c.env, c.req.valid('param').id)?.report(
      c.var.account.id,
      note || null,
      c.var.requestContext,
    );
    if (!done?.ok) return refuse(c, 'call', done?.reason ?? 'not_found');
    return c.json({ call: done.value }, 200);
  });
