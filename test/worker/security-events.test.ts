/**
 * The SIEM export (issue 12): events made by real account actions appear in
 * `GET /api/v1/security-events` as JSON lines, with the request id that made them and phone
 * numbers masked; only an API key of scope `audit` reads it, and that key reads nothing else; bad
 * input is a 4xx in the error shape; every security event is one log line with its request id.
 */
import { env } from 'cloudflare:workers';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { now, testClock } from '../../worker/core/clock.ts';
import { encodeCursor } from '../../worker/core/security-cursor.ts';
import { bucketOf, securityLogKeptMs } from '../../worker/core/security-events.ts';
import { bootstrapAdmin, call, errorCode, register, signIn } from './client.ts';
import { directCall } from './direct-call.ts';
import { issueKey } from './otp-helpers.ts';
import { auditIds, deliver, queued, readAll, readExport, toMidHour } from './security-export-helpers.ts';

let admin: Awaited<ReturnType<typeof bootstrapAdmin>>;
let auditKey: string;
let otherKeys: { verifications: string; aggregator: string };

beforeAll(async () => {
  toMidHour();
  admin = await bootstrapAdmin();
  auditKey = (await issueKey(admin, ['audit'], 'SIEM')).key;
  otherKeys = {
    verifications: (await issueKey(admin, ['verifications'], 'Core banking')).key,
    aggregator: (await issueKey(admin, ['aggregator'], 'Aggregator')).key,
  };
});

afterEach(() => vi.restoreAllMocks());
afterAll(() => testClock.reset());

const logLines = (spy: { mock: { calls: unknown[][] } }) =>
  spy.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);

describe('the security-event export', () => {
  it('carries a sign-in as it happened: type, account, handle, ip and the request id', async () => {
    const { account, authenticator } = await register('siem.signer', {
      headers: { 'CF-Connecting-IP': '203.0.113.7' },
    });
    const signedIn = await signIn(authenticator);
    expect(signedIn.status).toBe(200);
    const requestId = signedIn.headers.get('Request-Id');
    await deliver(account.id);

    const { events } = await readAll(auditKey, null, 500);
    const mine = events.filter((e) => e.account === account.id);
    // Every audit row of the account, in order, once.
    expect(mine.map((e) => e.id)).toEqual(await auditIds(account.id));
    expect(mine.map((e) => e.type)).toEqual(expect.arrayContaining(['account_created', 'passkey_added', 'signed_in']));
    const signIn_ = mine.find((e) => e.type === 'signed_in');
    expect(signIn_).toMatchObject({ account: account.id, handle: 'siem.signer', requestId });
    expect(signIn_?.detail).toMatchObject({ credential: authenticator.credentialIds()[0] });
    expect(mine.find((e) => e.type === 'account_created')?.detail.ip).toBe('203.0.113.7');
    expect(await queued(account.id)).toEqual([]);
    // The request id reaches the export, not the account's own audit log.
    const own = await call<{ events: { detail: Record<string, unknown> }[] }>('/api/me/audit', {
      cookie: signedIn.session,
    });
    expect(JSON.stringify(own.body.events)).not.toContain('req_');
  });

  it('masks phone numbers in what an account records, and answers NDJSON with a cursor', async () => {
    const { account } = await register('siem.phone', { phone: '+447911126555' });
    const stub = env.ACCOUNT.get(env.ACCOUNT.idFromString(account.id));
    // An object checks what it is given as if from the internet: a caller could pass a full number.
    await stub.recordVerificationEvent('otp_sent', { channel: 'sms', to: '+447911126555' }, directCall);
    await deliver(account.id);
    const page = await readExport(auditKey, { limit: '500' });
    expect(page.status).toBe(200);
    expect(page.contentType).toBe('application/x-ndjson; charset=utf-8');
    expect(page.cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const sent = page.events.find((e) => e.account === account.id && e.type === 'otp_sent');
    expect(sent?.detail).toEqual({ channel: 'sms', to: '+44 •••• ••• 555' });
    expect(JSON.stringify(page.events)).not.toContain('7911126555');
  });

  it('writes one log line per security event, with the request id and no full phone number', async () => {
    const { account, authenticator } = await register('siem.logged');
    const info = vi.spyOn(console, 'log').mockImplementation(() => {});
    const signedIn = await signIn(authenticator);
    const stub = env.ACCOUNT.get(env.ACCOUNT.idFromString(account.id));
    await stub.recordVerificationEvent('otp_sent', { channel: 'sms', to: '+447911126556' }, directCall);
    const lines = logLines(info).filter((l) => l.event === 'security_event' && l.account === account.id);
    // One line per audit row written meanwhile (the sign-in's risk check and the sign-in, then the code).
    const written = (await auditIds(account.id)).slice(-lines.length);
    expect(lines.map((l) => l.id)).toEqual(written);
    expect(lines.map((l) => l.type)).toEqual(expect.arrayContaining(['signed_in', 'otp_sent']));
    const signedInLine = lines.find((l) => l.type === 'signed_in');
    expect(signedInLine).toMatchObject({ level: 'info', requestId: signedIn.headers.get('Request-Id') });
    // The sign-in's risk decision is of the same request.
    expect(lines.find((l) => l.type === 'sign_in_risk')).toMatchObject({
      requestId: signedIn.headers.get('Request-Id'),
    });
    expect(lines.find((l) => l.type === 'otp_sent')).toMatchObject({ requestId: directCall.requestId });
    const text = JSON.stringify(info.mock.calls);
    expect(text).not.toContain('7911126556');
    // The ip and user agent go to the export only, never into the log.
    expect(JSON.parse(String(signedInLine?.detail))).not.toHaveProperty('ip');
    expect(JSON.parse(String(signedInLine?.detail))).toHaveProperty('credential');
  });
});

describe('who may read the export', () => {
  it('an audit key reads it; a key without the scope, a session or no key cannot', async () => {
    expect((await readExport(auditKey)).status).toBe(200);
    for (const key of [otherKeys.verifications, otherKeys.aggregator]) {
      const refused = await readExport(key);
      expect(refused.status).toBe(403);
      expect(refused.error?.code).toBe('forbidden');
    }
    const revokedLike = await readExport('csk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect([revokedLike.status, revokedLike.error?.code]).toEqual([401, 'api_key_invalid']);
    expect((await readExport(null)).error?.code).toBe('api_key_invalid');
    const bySession = await readExport(null, {}, { Cookie: `__Host-session=${admin.session}` });
    expect([bySession.status, bySession.error?.code]).toEqual([401, 'api_key_invalid']);
  });

  it('an audit key reads nothing else', async () => {
    const auth = { headers: { Authorization: `Bearer ${auditKey}` }, origin: null };
    const list = await call('/api/v1/verifications', auth);
    const start = await call('/api/v1/verifications', {
      ...auth,
      body: { to: '+447911126557', channel: 'sms', purpose: 'sign_in' },
    });
    const aggregator = await call('/api/v1/accounts/siem.signer', auth);
    for (const answer of [list, start, aggregator])
      expect([answer.status, errorCode(answer)]).toEqual([403, 'forbidden']);
  });
});

describe('bad input', () => {
  const bad = async (query: Record<string, string>, field: string) => {
    const page = await readExport(auditKey, query);
    expect(page.status).toBe(400);
    expect(page.error?.code).toBe('invalid_input');
    expect(page.error?.fields).toHaveProperty(field);
  };

  it.each(['0', '501', '1000', '-1', 'ten', '1.5'])('refuses limit=%s', async (limit) => bad({ limit }, 'limit'));

  it('refuses a cursor it did not make, one from the future and one older than the export keeps', async () => {
    await bad({ cursor: 'not-a-cursor' }, 'cursor');
    await bad({ cursor: '%%%' }, 'cursor');
    const positions = Array.from({ length: 16 }, () => 0);
    const at = now();
    await bad({ cursor: encodeCursor({ bucket: bucketOf(at) + 5, positions }) }, 'cursor');
    await bad({ cursor: encodeCursor({ bucket: bucketOf(at - securityLogKeptMs), positions }) }, 'cursor');
    await bad({ cursor: encodeCursor({ bucket: bucketOf(at), positions: positions.slice(1) }) }, 'cursor');
    await bad({ other: '1' }, '(body)');
  });
});
