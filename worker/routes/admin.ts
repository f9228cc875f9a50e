/**
 * Admin: the single-use invite codes with which agents and admins register, and the staff list
 * (disable, enable). An admin invite, an API key, and disabling or enabling staff need the admin's
 * fresh passkey assertion (`/assertion/options` first), which the object applying the change asks
 * for again (Invite, StaffDirectory).
 */
import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import { staffAccessBody, staffAssertionOptionsBody, staffIdParam, staffInviteBody } from '../../shared/staff.ts';
import type { InviteView } from '../core/account-rules.ts';
import { now } from '../core/clock.ts';
import { sha256Hex } from '../core/hash.ts';
import { newInviteCode, normalizeInviteCode } from '../core/invite-code.ts';
import type { AppEnv } from '../http/context.ts';
import { errorResponse } from '../http/errors.ts';
import { checkAssertion, openAssertion } from '../http/fresh-assertion.ts';
import { refuse } from '../http/refusals.ts';
import { requireRole, requireSession } from '../http/session.ts';
import { sessionCache } from '../http/session-cache.ts';
import { inviteByKey, signedInAccount } from '../http/stubs.ts';
import { jsonBody, pathParams } from '../http/validate.ts';

export const staffDirectory = (env: AppEnv['Bindings']) => env.STAFF.get(env.STAFF.idFromName('staff'));

/** Disables (`enabled` false) or enables a staff member, after the admin's fresh assertion. */
async function setAccess(
  c: Context<AppEnv>,
  id: string,
  enabled: boolean,
  body: { ceremonyId: string; credential: { id: string } },
) {
  if (!enabled && id === c.var.account.id) {
    return errorResponse(c, 'invalid_input', { id: { text: 'disable_yourself' } });
  }
  const asserted = await checkAssertion(c, 'staff_access', body.ceremonyId, body.credential);
  if (!asserted.ok) return asserted.response;
  const changed = await staffDirectory(c.env).setAccess(
    id,
    enabled,
    c.var.account.id,
    body.ceremonyId,
    c.var.requestContext,
  );
  if (!changed.ok) return refuse(c, 'staff', changed.reason);
  // This isolate forgets the sessions now; the Account itself refuses them everywhere at once.
  sessionCache.forgetAccount(id);
  return c.json({ staff: changed.value }, 200);
}

export const admin = new Hono<AppEnv>()
  .use(requireSession, requireRole('admin'))

  .post('/assertion/options', jsonBody(staffAssertionOptionsBody), async (c) => {
    const purpose = c.req.valid('json').purpose;
    return c.json(await openAssertion(c, `staff_${purpose}`), 200);
  })

  .post('/invites', jsonBody(staffInviteBody), async (c) => {
    const body = c.req.valid('json');
    if (body.role === 'admin') {
      const asserted = await checkAssertion(c, 'staff_invite', body.ceremonyId ?? '', body.credential ?? { id: '' });
      if (!asserted.ok) return asserted.response;
    }
    const code = newInviteCode();
    const digest = await sha256Hex(normalizeInviteCode(code));
    const createdAt = now();
    const invite: InviteView = {
      id: digest.slice(0, 16),
      role: body.role,
      team: body.role === 'agent' ? (body.team ?? null) : null,
      createdAt,
      expiresAt: createdAt + c.var.settings.inviteTtlMs,
      usedAt: null,
      usedBy: null,
    };
    const issued = await inviteByKey(c.env, `invite:${digest}`).issue(
      { role: invite.role, team: invite.team, issuedBy: c.var.account.id },
      invite.expiresAt,
      body.ceremonyId ?? null,
    );
    if (!issued.ok) return refuse(c, 'invite', issued.reason);
    await signedInAccount(c).recordInviteIssued(invite, c.var.requestContext);
    // The code is shown once, here; only its hash is kept.
    return c.json({ code, invite }, 201);
  })

  .get('/invites', async (c) => {
    const account = signedInAccount(c);
    return c.json({ invites: await account.invites() }, 200);
  })

  .get('/staff', async (c) => c.json({ staff: await staffDirectory(c.env).list() }, 200))

  .post('/staff/:id/disable', pathParams(staffIdParam), jsonBody(staffAccessBody), (c) =>
    setAccess(c, c.req.valid('param').id, false, c.req.valid('json')),
  )

  .post('/staff/:id/enable', pathParams(staffIdParam), jsonBody(staffAccessBody), (c) =>
    setAccess(c, c.req.valid('param').id, true, c.req.valid('json')),
  );
