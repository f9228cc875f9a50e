/// <reference types="vite/client" />
/**
 * DESIGN.md: every message goes through one messenger (the calling-code guard, the send caps, delivery,
 * decoy timing and the audit event, once); no other code can reach a delivery provider; no free text
 * chosen by a user goes into a message as written (issue 9, hole 1).
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { sendMessage } from '../../../worker/messenger/messenger.ts';
import { type Message, render } from '../../../worker/messenger/templates.ts';
import { auditOf, call, errorCode, register } from '../client.ts';
import { directCall } from '../direct-call.ts';
import { enrolPhone, messagesTo } from '../otp-helpers.ts';
import { RecoveringDevice, setUpContacts } from '../recovery-helpers.ts';

const recoveryId = 'a'.repeat(64);
const abortToken = 'abortTokenAbortToken0123';
/** One message of every kind the messenger sends. */
const everyKind: Message[] = [
  { kind: 'otp', purpose: 'sign_in', code: '482915', transaction: null },
  { kind: 'contact_nominated', holder: 'Tess One' },
  { kind: 'contact_code', holder: 'Tess One', code: '482915', recoveryId, abortToken },
  { kind: 'recovery_quorum', holder: 'Tess One', readyAt: Date.now() + 3_600_000, recoveryId, abortToken },
  { kind: 'announcement', change: 'passkey_added' },
];

let owner: { session: string; account: { id: string } };
beforeAll(async () => {
  owner = await register('messenger.owner', { displayName: 'Mo Owner' });
});

const outgoing = (message: Message, to: string, n: number) => ({
  channel: 'sms' as const,
  to,
  masked: `+44 •••• ••• ${to.slice(-3)}`,
  message,
  accountId: owner.account.id,
  budget: [`notices:kind-${message.kind}-${n}`],
  client: { ip: null, apiKey: null },
  cause: directCall,
});

describe('the messenger applies the guard, the caps and the audit event to every kind of message', {
  timeout: 30_000,
}, () => {
  it('refuses every kind to a calling code outside the allowed list, and sends nothing', async () => {
    for (const message of everyKind) {
      const sent = await sendMessage(env, outgoing(message, '+79123456789', 0));
      expect(sent).toMatchObject({ ok: false, reason: 'destination_not_allowed' });
    }
    expect(await messagesTo('+79123456789')).toHaveLength(0);
  });

  it('caps every kind per destination: the sixth to one number in 10 minutes is refused', async () => {
    for (const [i, message] of everyKind.entries()) {
      const to = `+4479111400${i}0`;
      const reasons: string[] = [];
      for (let n = 0; n < 6; n++) {
        const sent = await sendMessage(env, outgoing(message, to, n));
        reasons.push(sent.ok ? 'sent' : sent.reason);
      }
      expect(reasons).toEqual(['sent', 'sent', 'sent', 'sent', 'sent', 'rate_limited']);
      expect(await messagesTo(to)).toHaveLength(5);
    }
  });

  it('caps the messages of one account and of one client, whatever the destination', async () => {
    const reasons: string[] = [];
    for (let n = 0; n < 31; n++) {
      const sent = await sendMessage(env, {
        ...outgoing(everyKind[1] as Message, `+4479111410${String(n).padStart(2, '0')}`, n),
        client: { ip: '192.0.2.201', apiKey: null },
      });
      reasons.push(sent.ok ? 'sent' : sent.reason);
    }
    // OTP_CAPS_PER_IP: 30 in 10 minutes.
    expect(reasons.slice(0, 30).every((r) => r === 'sent')).toBe(true);
    expect(reasons[30]).toBe('rate_limited');
  });

  it('records every kind on the account’s audit log', async () => {
    for (const [i, message] of everyKind.entries()) {
      const sent = await sendMessage(env, outgoing(message, `+4479111420${i}0`, 99));
      expect(sent.ok).toBe(true);
    }
    const events = await auditOf(owner.session);
    expect(events.find((e) => e.type === 'otp_sent')?.detail).toMatchObject({ channel: 'sms', to: '+44 •••• ••• 000' });
    for (const kind of ['contact_nominated', 'contact_code', 'recovery_quorum', 'announcement']) {
      expect(events.some((e) => e.type === 'message_sent' && e.detail.kind === kind)).toBe(true);
    }
  });

  it('texts through the routes and objects only what the messenger records: nominations and contact codes are audited', async () => {
    const holder = await register('messenger.holder', { displayName: 'Holly Holder' });
    await enrolPhone(holder.session, '+447911143000');
    const phones = ['+447911143001', '+447911143002', '+447911143003'];
    const set = await setUpContacts(
      holder,
      phones.map((phone, i) => ({ name: ['Alice', 'Bob', 'Carol'][i] as string, phone })),
    );
    expect(set.status).toBe(201);
    const nominated = (await auditOf(holder.session)).filter(
      (e) => e.type === 'message_sent' && e.detail.kind === 'contact_nominated',
    );
    expect(nominated.map((e) => e.detail.to).sort()).toEqual([
      '+44 •••• ••• 001',
      '+44 •••• ••• 002',
      '+44 •••• ••• 003',
    ]);

    const device = new RecoveringDevice();
    const view = await device.throughFirstFactor('messenger.holder', '+447911143000', '198.51.100.143');
    const chosen = await device.choose(view.contacts.slice(0, 2).map((c) => c.id));
    expect(chosen.status).toBe(200);
    const codes = (await auditOf(holder.session)).filter(
      (e) => e.type === 'message_sent' && e.detail.kind === 'contact_code',
    );
    expect(codes).toHaveLength(2);
    expect(codes[0]?.detail.recovery).toBe(view.id);
  });
});

describe('trusted contacts are checked by the same guard when they are named', { timeout: 30_000 }, () => {
  it('refuses a contact on a calling code outside the allowed list with a field error, and saves and sends nothing', async () => {
    const me = await register('messenger.guarded');
    const contacts = [
      { name: 'Alice', phone: '+447911144001' },
      { name: 'Boris', phone: '+79123456780' },
      { name: 'Carol', phone: '+447911144003' },
    ];
    const refused = await setUpContacts(me, contacts);
    expect(refused.status).toBe(400);
    expect(errorCode(refused)).toBe('invalid_input');
    const fields = (refused.body as unknown as { error: { fields: Record<string, string> } }).error.fields;
    expect(Object.keys(fields)).toEqual(['contacts.1.phone']);
    expect(fields['contacts.1.phone']).toMatch(/^We can only text numbers that start with \+44, /);
    const listed = await call<{ contacts: unknown[] }>('/api/me/trusted-contacts', { cookie: me.session });
    expect(listed.body.contacts).toEqual([]);
    for (const c of contacts) expect(await messagesTo(c.phone)).toHaveLength(0);
  });
});

describe('names that go into a message are restricted where they are set', { timeout: 30_000 }, () => {
  const options = (displayName: string, handle: string) =>
    call('/api/registration/options', { body: { handle, displayName } });

  it('refuses a display name with digits, a link, an @ or over 40 characters, with a field error', async () => {
    for (const [i, name] of [
      'BANK ALERT call 0800 123',
      'visit evil.com now',
      'http://evil',
      'me@example',
      'A'.repeat(41),
    ].entries()) {
      const answer = await options(name, `bad.name.${i}`);
      expect(answer.status).toBe(400);
      const fields = (answer.body as unknown as { error: { fields: Record<string, string> } }).error.fields;
      expect(Object.keys(fields)).toEqual(['displayName']);
    }
  });

  it('accepts letters of any script, spaces, hyphens, apostrophes and initials', async () => {
    for (const [i, name] of ['Zoë O’Neil-Åberg', 'Anna K.', 'J. Smith', '李小龙', 'अनुष्का शर्मा'].entries()) {
      expect((await options(name, `good.name.${i}`)).status).toBe(200);
    }
  });

  it('refuses a contact name that could carry a number or a link', async () => {
    const me = await register('messenger.names');
    const refused = await setUpContacts(me, [
      { name: 'Call 0800 now', phone: '+447911145001' },
      { name: 'Bob', phone: '+447911145002' },
      { name: 'Carol', phone: '+447911145003' },
    ]);
    expect(refused.status).toBe(400);
    const fields = (refused.body as unknown as { error: { fields: Record<string, string> } }).error.fields;
    expect(Object.keys(fields)).toEqual(['contacts.0.name']);
    expect(await messagesTo('+447911145002')).toHaveLength(0);
  });

  it('never writes a name that breaks the rule into a message: a neutral word stands in for it', () => {
    const text = render(
      { kind: 'contact_nominated', holder: 'BANK ALERT call 0800 123' },
      { origin: 'http://localhost:8787', rpId: 'localhost', bankName: 'Countersign' },
    );
    expect(text).toMatch(/^Someone you know named you/);
    expect(text).not.toMatch(/0800|BANK/);
    const payee = render(
      {
        kind: 'otp',
        purpose: 'add_payee',
        code: '482915',
        transaction: { payee: { name: 'Call 0800 111 or evil.com', account: 'GB33BUKB20201555555555' } },
      },
      { origin: 'http://localhost:8787', rpId: 'localhost', bankName: 'Countersign' },
    );
    expect(payee).toBe(
      'Code 482915 adds payee CALL OR EVIL COM, account ending 5555. Never read it to anyone, not even to the bank: type it into the app.\n\n@localhost #482915',
    );
  });
});

describe('the Account applies the name rule and the guard itself, whoever calls it', { timeout: 30_000 }, () => {
  const context = directCall;
  const good = [
    { name: 'Alice', phone: '+447911145101' },
    { name: 'Bob', phone: '+447911145102' },
    { name: 'Carol', phone: '+447911145103' },
  ];

  it('refuses to create an account whose name could carry a number or a link', async () => {
    const stub = env.ACCOUNT.get(env.ACCOUNT.newUniqueId());
    const created = await stub.create({
      handle: 'direct.bank.alert',
      displayName: 'BANK ALERT call 0800 123',
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
      context,
      inviteId: null,
    });
    expect(created).toEqual({ ok: false, reason: 'invalid' });
    expect(await stub.view()).toBeNull();
  });

  it('refuses contacts with such a name or on a calling code outside the allowed list, before any proof', async () => {
    const me = await register('messenger.direct');
    const stub = env.ACCOUNT.get(env.ACCOUNT.idFromString(me.account.id));
    const named = [{ name: 'Call 0800 now', phone: good[0]?.phone as string }, ...good.slice(1)];
    const abroad = [...good.slice(0, 2), { name: 'Dmitri', phone: '+79123456781' }];
    for (const contacts of [named, abroad])
      expect(await stub.setUpContacts(contacts, context, 'no-proof')).toEqual({ ok: false, reason: 'invalid' });
    expect(await stub.addTrustedContact({ name: 'Dmitri', phone: '+79123456781' }, context, 1, 'no-proof')).toEqual({
      ok: false,
      reason: 'invalid',
    });
    // The same call with acceptable contacts gets as far as the proof.
    expect(await stub.setUpContacts(good, context, 'no-proof')).toEqual({ ok: false, reason: 'no_proof' });
    expect(await stub.trustedContacts()).toEqual([]);
  });
});

describe('no code outside the messenger can reach a delivery provider', { timeout: 30_000 }, () => {
  // Every source file of the worker, the PWA and shared/, as text (Vite's ?raw import).
  const sources = import.meta.glob(['/worker/**/*.ts', '/web/**/*.{ts,tsx}', '/shared/**/*.ts'], {
    query: '?raw',
    import: 'default',
    eager: true,
  }) as Record<string, string>;
  const provider = /^\/worker\/delivery\/(provider|twilio|email|outbox|http|types)\.ts$/;
  const allowed = /^\/worker\/(messenger|delivery)\//;

  /** The modules a file imports at run time (type-only imports cannot send anything). */
  function runtimeImports(path: string, text: string): string[] {
    const found: string[] = [];
    const statement = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;
    for (const m of text.matchAll(statement)) if (!m[2]) found.push(m[3] as string);
    for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1] as string);
    return found.filter((s) => s.startsWith('.')).map((s) => new URL(s, `http://x${path}`).pathname);
  }

  it('finds the sources it scans', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    expect(
      runtimeImports('/worker/objects/verification.ts', sources['/worker/objects/verification.ts'] ?? ''),
    ).toContain('/worker/messenger/messenger.ts');
  });

  it('has no file outside worker/messenger and worker/delivery that imports a provider', () => {
    const offenders = Object.entries(sources)
      .filter(([path]) => !allowed.test(path))
      .flatMap(([path, text]) =>
        runtimeImports(path, text)
          .filter((target) => provider.test(target))
          .map((t) => `${path} → ${t}`),
      );
    expect(offenders).toEqual([]);
  });
});
