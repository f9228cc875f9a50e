/** Admin: issuing and listing the single-use invite codes with which agents and admins register. */
import { Hono } from 'hono/tiny';
import { inviteBody } from '../../shared/api.ts';
import type { InviteView } from '../core/account-rules.ts';
import { now } from '../core/clock.ts';
import { sha256Hex } from '../core/hash.ts';
import { newInviteCode, normalizeInviteCode } from '../core/invite-code.ts';
import type { AppEnv } from '../http/context.ts';
import { errorResponse } from '../http/errors.ts';
import { requireRole, requireSession } from '../http/session.ts';
import { inviteByKey } from '../http/stubs.ts';
import { jsonBody } from '../http/validate.ts';

export const admin = new Hono<AppEnv>()
  .use(requireSession, requireRole('admin'))

  .post('/invites', jsonBody(inviteBody), async (c) => {
    const body = c.req.valid('json');
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
    );
    // 80 random bits make a collision practically impossible; refuse rather than reuse if it happens.
    if (!issued.ok) return errorResponse(c, 'internal');
    await c.env.ACCOUNT.get(c.env.ACCOUNT.idFromString(c.var.account.id)).recordInviteIssued(invite);
    // The code is shown once, here; only its hash is kept.
    return c.json({ code, invite }, 201);
  })

  .get('/invites', async (c) => {
    const account = c.env.ACCOUNT.get(c.env.ACCOUNT.idFromString(c.var.account.id));
    return c.json({ invites: await account.invites() }, 200);
  });
