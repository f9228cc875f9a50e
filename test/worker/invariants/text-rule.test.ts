/**
 * Invariant: bad input gets a 4xx field error up front, never a 500 or a later misleading failure.
 * One text rule (shared/text.ts, counted in code points) is applied by the routes' schemas and by
 * the objects that store text, so the two can never disagree (issue 9, hole 3).
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../../shared/errors.ts';
import type { NewAccount } from '../../../worker/objects/account.ts';
import { confirm, staff, startCall } from '../call-helpers.ts';
import { type Answer, auditOf, call, register } from '../client.ts';
import { directCall } from '../direct-call.ts';
import { staffAssertion, startVerification } from '../otp-helpers.ts';
import { setUpContacts } from '../recovery-helpers.ts';

const emoji = '😀'; // one code point, two UTF-16 units
const lone = 'Anna \uD83D'; // a high surrogate with no low half
type Issued = { code: string; invite: { team: string | null } };

// Storage lasts as long as this file: one bootstrap admin and one agent for every test.
let people: ReturnType<typeof staff> | undefined;
const admin = async () => {
  people ??= staff();
  return (await people).admin;
};

function expectFieldError(answer: Answer<unknown>, field: string, message: RegExp) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(400);
  const { error } = answer.body as ErrorBody;
  expect(error.code).toBe('invalid_input');
  expect(error.fields?.[field]).toMatch(message);
}

const issueKey = async (name: string) =>
  call<{ apiKey: { name: string } }>('/api/admin/api-keys', {
    body: { name, scopes: ['verifications'], ...(await staffAssertion(await admin(), 'api_key')) },
    cookie: (await admin()).session,
  });
const issueInvite = async (team: string) =>
  call<Issued>('/api/admin/invites', { body: { role: 'agent', team }, cookie: (await admin()).session });
const registrationOptions = (handle: string, displayName: string) =>
  call('/api/registration/options', { body: { handle, displayName } });

describe('the text rule, through the routes', { timeout: 20_000 }, () => {
  it('an API-key name of 33 emoji is issued (33 characters), one of 65 emoji is a field error, not a 500', async () => {
    const issued = await issueKey(emoji.repeat(33));
    expect(issued.status).toBe(201);
    expect(issued.body.apiKey.name).toBe(emoji.repeat(33));
    expectFieldError(await issueKey(emoji.repeat(65)), 'name', /at most 64 characters/);
  });

  it('a display name of 40 emoji is refused at the options step with a field error, never later at the passkey step', async () => {
    // A name goes into SMS (issue 9, hole 1): the person-name rule holds it to letters, up front.
    expectFieldError(await registrationOptions('forty.emoji', emoji.repeat(40)), 'displayName', /letters, spaces/);
  });

  it('a display name of 40 letters outside the BMP (80 UTF-16 units) registers; 65 are refused up front', async () => {
    const letter = '\u{20000}'; // a CJK ideograph: one letter, one code point, two UTF-16 units
    const person = await register('forty.letters', { displayName: letter.repeat(40) });
    const me = await call<{ account: { displayName: string } }>('/api/me', { cookie: person.session });
    expect(me.body.account.displayName).toBe(letter.repeat(40));
    expectFieldError(await registrationOptions('too.many.letters', letter.repeat(65)), 'displayName', /at most 64/);
  });

  it('an invite for a team of 64 emoji can be redeemed; a team of 65 is refused when the invite is issued', async () => {
    const invite = await issueInvite(emoji.repeat(64));
    expect(invite.status).toBe(201);
    const agent = await register('team.emoji', { inviteCode: invite.body.code });
    const me = await call<{ account: { team: string; role: string } }>('/api/me', { cookie: agent.session });
    expect(me.body.account).toMatchObject({ role: 'agent', team: emoji.repeat(64) });
    expectFieldError(await issueInvite(emoji.repeat(65)), 'team', /at most 64/);
  });

  it('refuses lone surrogates in every free-text field, with a field error, and stores nothing', async () => {
    expectFieldError(await issueKey(lone), 'name', /not valid Unicode/);
    expectFieldError(await issueInvite(lone), 'team', /not valid Unicode/);
    expectFieldError(await registrationOptions('lone.surrogate', lone), 'displayName', /not valid Unicode/);
    const person = await register('text.rule.one');
    const contacts = [
      { name: lone, phone: '+447911140001' },
      { name: 'Bob', phone: '+447911140002' },
      { name: 'Carol', phone: '+447911140003' },
    ];
    expectFieldError(await setUpContacts(person, contacts), 'contacts.0.name', /not valid Unicode/);
    expect((await auditOf(person.session)).some((e) => e.type === 'contacts_set_up')).toBe(false);
    const listed = await call<{ apiKeys: { name: string }[] }>('/api/admin/api-keys', {
      cookie: (await admin()).session,
    });
    expect(listed.body.apiKeys.some((k) => /\p{Cs}/u.test(k.name))).toBe(false);
  });

  it('refuses a lone surrogate in a payee name and in a report note; keeps a note on several lines', async () => {
    const person = await register('text.rule.two');
    const payee = await startVerification(
      { cookie: person.session },
      {
        channel: 'sms',
        purpose: 'add_payee',
        transaction: { payee: { name: lone, account: 'GB33BUKB20201555555555' } },
      },
    );
    expectFieldError(payee, 'transaction.payee.name', /not valid Unicode/);

    await admin();
    const { agent } = await (people as ReturnType<typeof staff>);
    const id = await startCall(agent, 'text.rule.two');
    await confirm(person, id);
    const report = (note: string) => call(`/api/calls/${id}/report`, { body: { note }, cookie: person.session });
    expectFieldError(await report(`PIN \uDE00`), 'note', /not valid Unicode/);
    expectFieldError(await report('x'.repeat(1001)), 'note', /at most 1,000 characters/);
    expect((await report(' They asked\r\nfor my PIN ')).status).toBe(200);
    const incidents = await call<{ incidents: { callId: string; note: string | null }[] }>('/api/incidents', {
      cookie: agent.session,
    });
    expect(incidents.body.incidents.find((i) => i.callId === id)?.note).toBe('They asked\nfor my PIN');
  });

  it('stores names in NFC, trimmed, so one name has one spelling', async () => {
    const issued = await issueKey('  Core banking Ame\u0301lie ');
    expect(issued.body.apiKey.name).toBe('Core banking Am\u00e9lie');
  });

  it('refuses invisible and reordering characters in a name', async () => {
    expectFieldError(await issueKey('Core\u202Ebanking'), 'name', /letters, digits/);
    expectFieldError(await registrationOptions('zero.width', 'An\u200Bna'), 'displayName', /letters, digits/);
  });
});

const account = () => env.ACCOUNT.get(env.ACCOUNT.newUniqueId());
const newAccount = (over: Partial<NewAccount>): NewAccount => ({
  handle: 'direct.call',
  displayName: 'Direct Call',
  role: 'customer',
  team: null,
  phone: null,
  credential: {
    id: 'AAAAAAAAAAAAAAAAAAAAAA',
    publicKey: new Uint8Array(77).fill(1),
    counter: 0,
    transports: ['internal'],
    deviceType: 'multiDevice',
    backedUp: true,
  },
  context: directCall,
  inviteId: null,
  ...over,
});
const keyView = (name: string) => ({
  id: '0123456789abcdef',
  name,
  scopes: ['verifications' as const],
  createdAt: Date.now(),
  createdBy: 'first.admin',
  revokedAt: null,
});
const keyObject = (n: number) => env.API_KEY.get(env.API_KEY.idFromName(`key:text-rule-${n}`));

describe('the text rule, when the objects are called directly', () => {
  it('Account.create counts as the routes do: 40 letters outside the BMP in; 41, emoji, lone surrogates and unnormalised text out', async () => {
    const letter = '\u{20000}';
    expect((await account().create(newAccount({ displayName: letter.repeat(40) }))).ok).toBe(true);
    for (const displayName of [letter.repeat(41), emoji.repeat(3), lone, ' Padded ', 'Ame\u0301lie', 'Bell\u0007'])
      expect(await account().create(newAccount({ displayName })), JSON.stringify(displayName)).toEqual({
        ok: false,
        reason: 'invalid',
      });
    const agent = newAccount({ role: 'agent', team: `Fraud ${'\uDC00'}` });
    expect(await account().create(agent)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('ApiKey.issue and ApiKeyDirectory.record refuse what the route would refuse', async () => {
    const hash = 'a'.repeat(64);
    expect((await keyObject(1).issue(keyView(emoji.repeat(33)), hash)).ok).toBe(true);
    expect(await keyObject(2).issue(keyView(emoji.repeat(65)), hash)).toEqual({ ok: false, reason: 'invalid' });
    expect(await keyObject(3).issue(keyView(lone), hash)).toEqual({ ok: false, reason: 'invalid' });
    const directory = env.API_KEY_DIRECTORY.get(env.API_KEY_DIRECTORY.idFromName('text-rule'));
    expect(await directory.record(keyView(lone))).toBe(false);
    expect(await directory.list()).toEqual([]);
  });

  it('Invite.issue refuses a team the account could not be created with', async () => {
    const invite = env.INVITE.get(env.INVITE.idFromName('invite:text-rule'));
    const terms = (team: string) => ({ role: 'agent' as const, team, issuedBy: '0'.repeat(64) });
    expect(await invite.issue(terms(emoji.repeat(65)), Date.now() + 60_000)).toEqual({ ok: false, reason: 'invalid' });
    expect(await invite.issue(terms(lone), Date.now() + 60_000)).toEqual({ ok: false, reason: 'invalid' });
    expect((await invite.issue(terms(emoji.repeat(64)), Date.now() + 60_000)).ok).toBe(true);
  });

  it('IncidentLog.record refuses text the rule refuses', async () => {
    const log = env.INCIDENTS.get(env.INCIDENTS.idFromName('text-rule'));
    const incident = (displayName: string, note: string | null) => ({
      kind: 'call_reported' as const,
      callId: 'c'.repeat(64),
      agent: { displayName, team: 'Fraud team' },
      customerHandle: 'chris',
      failedOn: null,
      note,
    });
    expect(await log.record(incident(`${'a'.repeat(63)}${emoji}`, 'fine'))).toBe(true);
    expect(await log.record(incident(lone, null))).toBe(false);
    expect(await log.record(incident('Anna K.', `${'x'.repeat(999)}\uD83D`))).toBe(false);
    expect((await log.list()).map((i) => i.agent.displayName)).toEqual([`${'a'.repeat(63)}${emoji}`]);
  });

  it('CallVerification.report refuses a note with a lone surrogate instead of cutting it short', async () => {
    const callObject = env.CALL.get(env.CALL.newUniqueId());
    expect(await callObject.report('0'.repeat(64), `${'x'.repeat(999)}${emoji}`, directCall)).toEqual({
      ok: false,
      reason: 'not_found',
    });
    expect(await callObject.report('0'.repeat(64), `PIN asked \uDE00`, directCall)).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });
});
