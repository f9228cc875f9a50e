/**
 * `GET /api/v1/verifications` (issue 12, integrator plumbing): an API key lists only the
 * verifications it started, newest first, a page at a time with an opaque cursor.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { VerificationPage } from '../../shared/verifications.ts';
import { bootstrapAdmin, call, errorCode } from './client.ts';
import { customerWithPhone, getVerification, issueKey, startVerification } from './otp-helpers.ts';

let key: string;
let otherKey: string;
let customer: { session: string; handle: string };
const mine: string[] = [];
let theirs: string;
let admin: Awaited<ReturnType<typeof bootstrapAdmin>>;

const list = (k: string, query = '') =>
  call<VerificationPage>(`/api/v1/verifications${query}`, { headers: { Authorization: `Bearer ${k}` }, origin: null });

beforeAll(async () => {
  admin = await bootstrapAdmin();
  key = (await issueKey(admin, ['verifications'])).key;
  otherKey = (await issueKey(admin, ['verifications'], 'Card platform')).key;
  customer = await customerWithPhone('list.me', '+447911126001');
  for (const channel of ['sms', 'call', 'sms']) {
    const started = await startVerification({ key }, { account: customer.handle, channel, purpose: 'sign_in' });
    if (started.status !== 201) throw new Error(`start: ${started.status}`);
    mine.push(started.body.id);
  }
  // Another key's start for the same customer, and the customer's own in the app.
  theirs = (
    await startVerification({ key: otherKey }, { account: customer.handle, channel: 'sms', purpose: 'sign_in' })
  ).body.id;
  await startVerification({ cookie: customer.session }, { channel: 'sms', purpose: 'sign_in' });
});

describe('listing verifications', () => {
  it("lists only the key's own verifications, newest first, each as GET /:id shows it", async () => {
    const listed = await list(key);
    expect(listed.status).toBe(200);
    expect(listed.body.verifications.map((v) => v.id)).toEqual([...mine].reverse());
    expect(listed.body.next_cursor).toBeNull();
    for (const view of listed.body.verifications) expect(view).toEqual((await getVerification({ key }, view.id)).body);
    const other = await list(otherKey);
    expect(other.body.verifications.map((v) => v.id)).toEqual([theirs]);
  });

  it('pages with limit and the opaque cursor until next_cursor is null', async () => {
    const first = await list(key, '?limit=2');
    expect(first.body.verifications.map((v) => v.id)).toEqual([mine[2], mine[1]]);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await list(key, `?limit=2&cursor=${encodeURIComponent(first.body.next_cursor as string)}`);
    expect(second.status).toBe(200);
    expect(second.body.verifications.map((v) => v.id)).toEqual([mine[0]]);
    expect(second.body.next_cursor).toBeNull();
    const exact = await list(key, '?limit=3');
    expect(exact.body.next_cursor).toBeNull();
  });

  it('shows at most 20 by default and at most 100 when asked', async () => {
    const busyKey = (await issueKey(admin, ['verifications'], 'Busy')).key;
    const started = await Promise.all(
      Array.from({ length: 21 }, (_, i) =>
        startVerification(
          { key: busyKey },
          { to: `+4479111270${String(i).padStart(2, '0')}`, channel: 'sms', purpose: 'sign_in' },
        ),
      ),
    );
    const ids = started.map((answer) => answer.body.id).sort();
    const page = await list(busyKey);
    expect(page.body.verifications).toHaveLength(20);
    const rest = await list(busyKey, `?cursor=${page.body.next_cursor}`);
    expect(rest.body.verifications).toHaveLength(1);
    expect(rest.body.next_cursor).toBeNull();
    expect([...page.body.verifications, ...rest.body.verifications].map((v) => v.id).sort()).toEqual(ids);
    expect((await list(busyKey, '?limit=100')).body.verifications).toHaveLength(21);
    // 100+ starts through the whole stack: a generous timeout for a loaded machine, not a timing check.
  }, 60_000);

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    ['limit=5&limit=6', 'limit'],
    ['cursor=abc', 'cursor'],
    ['cursor=0', 'cursor'],
    ['cursor=-3', 'cursor'],
    ['cursor=', 'cursor'],
    ['page=2', 'page'],
  ])('answers a 400 field error for ?%s', async (query, field) => {
    const answer = await list(key, `?${query}`);
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('invalid_input');
    expect(JSON.stringify((answer.body as unknown as { error: { fields: object } }).error.fields)).toContain(field);
  });

  it('is for API keys: a session is refused, a wrong key is a 401', async () => {
    const bySession = await call('/api/v1/verifications', { cookie: customer.session });
    expect([bySession.status, errorCode(bySession)]).toEqual([403, 'forbidden']);
    const wrong = await list(`csk_${'0'.repeat(16)}_${'A'.repeat(43)}`);
    expect([wrong.status, errorCode(wrong)]).toEqual([401, 'api_key_invalid']);
  });
});
