import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import { now, testClock } from '../../worker/core/clock.ts';
import { sha256Hex } from '../../worker/core/hash.ts';
import { normalizeInviteCode } from '../../worker/core/invite-code.ts';
import { fromBase64Url } from '../../worker/core/random.ts';
import { SoftAuthenticator, type SoftRegistrationOptions } from '../support/authenticator.ts';
import { auditOf, bootstrapAdmin, bootstrapSecret, call, errorCode, origin, register } from './client.ts';
import { staffAssertion } from './otp-helpers.ts';

type Issued = {
  code: string;
  invite: { id: string; role: string; team: string | null; usedAt: number | null; usedBy: string | null };
};
type InviteList = { invites: Issued['invite'][] };
type Options = { ceremonyId: string; options: SoftRegistrationOptions; role: string };

const codePattern = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

// Storage lives as long as this file: the bootstrap secret can make one admin, so every test shares it.
let firstAdmin: ReturnType<typeof bootstrapAdmin> | undefined;
const admin = () => {
  firstAdmin ??= bootstrapAdmin();
  return firstAdmin;
};

async function issue(body: Record<string, unknown>, session?: string) {
  return call<Issued>('/api/admin/invites', { body, cookie: session ?? (await admin()).session });
}

async function issueAgentInvite(team = 'Fraud team') {
  const answer = await issue({ role: 'agent', team });
  expect(answer.status).toBe(201);
  return answer.body;
}

async function invitesOf(session: string) {
  const answer = await call<InviteList>('/api/admin/invites', { cookie: session });
  expect(answer.status).toBe(200);
  return answer.body.invites;
}

const inviteObject = async (code: string) =>
  env.INVITE.get(env.INVITE.idFromName(`invite:${await sha256Hex(normalizeInviteCode(code))}`));

const handleOwner = (handle: string) => env.HANDLE.get(env.HANDLE.idFromName(`handle:${handle}`)).owner();

function startRegistration(handle: string, inviteCode: string) {
  return call<Options>('/api/registration/options', { body: { handle, displayName: 'Anna K.', inviteCode } });
}

/** The account id a registration ceremony would create (its WebAuthn user id). */
function accountIdOf(options: SoftRegistrationOptions) {
  return [...(fromBase64Url(options.user.id) ?? [])].map((b) => b.toString(16).padStart(2, '0')).join('');
}

afterEach(() => testClock.reset());

describe('invites and roles', () => {
  it('makes the first admin with the bootstrap secret, exactly once', async () => {
    const wrong = await startRegistration('wrong.secret', 'test-bootstrap-secret-0123456780');
    expect(wrong.status).toBe(400);
    expect(errorCode(wrong)).toBe('invite_invalid');
    expect((wrong.body as unknown as { error: { fields: Record<string, string> } }).error.fields.inviteCode).toMatch(
      /not valid/,
    );

    const { account, session } = await admin();
    expect(account.role).toBe('admin');
    const me = await call<{ account: { role: string; team: string | null } }>('/api/me', { cookie: session });
    expect(me.body.account).toMatchObject({ role: 'admin', team: null });

    const again = await startRegistration('second.admin', bootstrapSecret);
    expect(again.status).toBe(400);
    expect(errorCode(again)).toBe('invite_invalid');
    expect(await handleOwner('second.admin')).toBeNull();
  });

  it('issues an agent invite whose code is shown once and never listed', async () => {
    const { session } = await admin();
    const { code, invite } = await issueAgentInvite();
    expect(code).toMatch(codePattern);
    expect(invite).toMatchObject({ role: 'agent', team: 'Fraud team', usedAt: null, usedBy: null });

    const listed = (await invitesOf(session)).find((i) => i.id === invite.id);
    expect(listed).toEqual(invite);
    const text = JSON.stringify(await invitesOf(session));
    expect(text).not.toContain(code);
    expect(text).not.toContain(normalizeInviteCode(code));
  });

  it('registers an agent of the invite team, whose console shows name and team', async () => {
    const { session: adminSession } = await admin();
    const { code, invite } = await issueAgentInvite();
    const agent = await register('anna.k', { displayName: 'Anna K.', inviteCode: code });
    expect(agent.account.role).toBe('agent');
    const me = await call<{ account: { role: string; team: string } }>('/api/me', { cookie: agent.session });
    expect(me.body.account).toMatchObject({ role: 'agent', team: 'Fraud team' });

    const console = await call('/api/agent/console', { cookie: agent.session });
    expect(console.status).toBe(200);
    expect(console.body).toEqual({ agent: { displayName: 'Anna K.', team: 'Fraud team', handle: 'anna.k' } });

    const used = (await invitesOf(adminSession)).find((i) => i.id === invite.id);
    expect(used?.usedBy).toBe('anna.k');
    expect(used?.usedAt).toEqual(expect.any(Number));
  });

  it('registers an admin with an admin invite, without a team', async () => {
    const answer = await issue({ role: 'admin', ...(await staffAssertion(await admin(), 'invite')) });
    expect(answer.status).toBe(201);
    const second = await register('second.admin.invited', { inviteCode: answer.body.code });
    expect(second.account.role).toBe('admin');
    expect((await call('/api/admin/invites', { cookie: second.session })).status).toBe(200);
  });

  it('lets an invite be used once: the second registration fails and keeps no handle', async () => {
    const { code } = await issueAgentInvite();
    // Both registrations get past the options step before either finishes.
    const first = await startRegistration('once.first', code);
    const second = await startRegistration('once.second', code);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body.role).toBe('agent');

    const firstCredential = await new SoftAuthenticator({ origin }).register(first.body.options);
    const secondCredential = await new SoftAuthenticator({ origin }).register(second.body.options);
    const won = await call('/api/registration/verify', {
      body: { ceremonyId: first.body.ceremonyId, credential: firstCredential },
    });
    expect(won.status).toBe(201);
    const lost = await call('/api/registration/verify', {
      body: { ceremonyId: second.body.ceremonyId, credential: secondCredential },
    });
    expect(lost.status).toBe(400);
    expect(errorCode(lost)).toBe('invite_invalid');
    expect(lost.session).toBeNull();
    expect(await handleOwner('once.second')).toBeNull();
    const lostAccount = env.ACCOUNT.get(env.ACCOUNT.idFromString(accountIdOf(second.body.options)));
    expect(await lostAccount.view()).toBeNull();

    const later = await startRegistration('once.third', code);
    expect(later.status).toBe(400);
    expect(errorCode(later)).toBe('invite_invalid');
  });

  it('refuses an expired invite', async () => {
    const { code } = await issueAgentInvite();
    const stub = await inviteObject(code);
    const expiresAt = await runInDurableObject(
      stub,
      (_o, state) => state.storage.sql.exec<{ expires_at: number }>('SELECT expires_at FROM invite').one().expires_at,
    );
    testClock.advance(expiresAt - now() + 1);
    const answer = await startRegistration('late.agent', code);
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('invite_invalid');
  });

  it('refuses an invite that expired between the options and the verification', async () => {
    const { code } = await issueAgentInvite();
    const start = await startRegistration('slow.agent', code);
    expect(start.status).toBe(200);
    await runInDurableObject(await inviteObject(code), (_o, state) => {
      state.storage.sql.exec('UPDATE invite SET expires_at = ?', Date.now() - 1);
    });
    const credential = await new SoftAuthenticator({ origin }).register(start.body.options);
    const answer = await call('/api/registration/verify', { body: { ceremonyId: start.body.ceremonyId, credential } });
    expect(errorCode(answer)).toBe('invite_invalid');
    expect(await handleOwner('slow.agent')).toBeNull();
  });

  it('forgets an invite when its alarm fires', async () => {
    const { code } = await issueAgentInvite();
    const stub = await inviteObject(code);
    const alarm = await runInDurableObject(stub, (_o, state) => state.storage.getAlarm());
    expect(alarm).toEqual(expect.any(Number));
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(errorCode(await startRegistration('alarmed.agent', code))).toBe('invite_invalid');
  });

  it('requires a team for an agent invite', async () => {
    const answer = await issue({ role: 'agent' });
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('invalid_input');
    expect((answer.body as unknown as { error: { fields: Record<string, string> } }).error.fields.team).toMatch(
      /team/i,
    );
  });

  it('does not issue invites for customers', async () => {
    const answer = await issue({ role: 'customer' });
    expect(answer.status).toBe(400);
    expect((answer.body as unknown as { error: { fields: Record<string, string> } }).error.fields.role).toBeDefined();
  });

  it('forbids customers the admin routes and the agent console', async () => {
    const customer = await register('just.a.customer');
    for (const [path, body] of [
      ['/api/admin/invites', { role: 'agent', team: 'Fraud team' }],
      ['/api/admin/invites', undefined],
      ['/api/agent/console', undefined],
    ] as const) {
      const answer = await call(path, { body, cookie: customer.session });
      expect(answer.status).toBe(403);
      expect(errorCode(answer)).toBe('forbidden');
    }
  });

  it('forbids agents the admin routes', async () => {
    const { code } = await issueAgentInvite();
    const agent = await register('agent.not.admin', { inviteCode: code });
    const issued = await issue({ role: 'admin' }, agent.session);
    expect(issued.status).toBe(403);
    expect(errorCode(issued)).toBe('forbidden');
    const listed = await call('/api/admin/invites', { cookie: agent.session });
    expect(listed.status).toBe(403);
    expect(errorCode(listed)).toBe('forbidden');
  });

  it('asks for a session on the admin routes and the agent console', async () => {
    for (const [path, body] of [
      ['/api/admin/invites', { role: 'agent', team: 'Fraud team' }],
      ['/api/admin/invites', undefined],
      ['/api/agent/console', undefined],
    ] as const) {
      const answer = await call(path, { body });
      expect(answer.status).toBe(401);
      expect(errorCode(answer)).toBe('not_signed_in');
    }
  });

  it('accepts an invite code typed in lower case without dashes', async () => {
    const { code } = await issueAgentInvite('Lower case team');
    const typed = code.toLowerCase().replaceAll('-', '');
    expect(typed).not.toBe(code);
    const agent = await register('typed.lower', { inviteCode: typed });
    expect(agent.account.role).toBe('agent');
  });

  it('never stores the invite code in clear', async () => {
    const { code } = await issueAgentInvite('Clear text team');
    const forms = [code, normalizeInviteCode(code), code.toLowerCase(), normalizeInviteCode(code).toLowerCase()];

    const stored = await runInDurableObject(await inviteObject(code), (_o, state) => {
      const tables = state.storage.sql
        .exec<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\'",
        )
        .toArray()
        .map((t) => t.name);
      return Object.fromEntries(tables.map((t) => [t, state.storage.sql.exec(`SELECT * FROM "${t}"`).toArray()]));
    });
    // The object found by the code's hash holds this invite...
    expect(stored.invite).toEqual([expect.objectContaining({ role: 'agent', team: 'Clear text team' })]);
    // ...and nothing in it is the code.
    const text = JSON.stringify(stored);
    for (const form of forms) expect(text).not.toContain(form);

    // Nor does the registration ceremony that carries it.
    const start = await startRegistration('clear.check', code);
    const ceremony = await runInDurableObject(
      env.PASSKEY_CHALLENGE.get(env.PASSKEY_CHALLENGE.idFromString(start.body.ceremonyId)),
      (_o, state) => state.storage.sql.exec<{ body: string }>('SELECT body FROM ceremony').one().body,
    );
    expect(ceremony).toContain(`invite:${await sha256Hex(normalizeInviteCode(code))}`);
    for (const form of forms) expect(ceremony).not.toContain(form);
  });

  it("records issued and used invites in the admin's security events", async () => {
    const { session } = await admin();
    const { code, invite } = await issueAgentInvite('Audit team');
    await register('audited.agent', { inviteCode: code });
    const events = await auditOf(session);
    const issued = events.find((e) => e.type === 'invite_issued' && e.detail.invite === invite.id);
    const used = events.find((e) => e.type === 'invite_used' && e.detail.invite === invite.id);
    expect(issued?.detail).toMatchObject({ role: 'agent', team: 'Audit team' });
    expect(used?.detail).toMatchObject({ by: 'audited.agent' });
    expect(events.indexOf(used as (typeof events)[number])).toBeLessThan(
      events.indexOf(issued as (typeof events)[number]),
    );
    expect(JSON.stringify(events)).not.toContain(code);
  });
});
