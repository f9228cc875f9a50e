/**
 * Out-of-band codes over the integrator API with an API key: starting verifications (each sent
 * through the worker's Twilio adapter to the bench's Twilio-compatible server, test/bench/twilio.ts)
 * and checking codes, for `npm run bench`. Every start passes the end user's IP
 * (`rate_limits.end_user_ip_address`), a different one each time (client-ips.ts).
 */
import autocannon from 'autocannon';
import { benchFetch } from './bench-fetch.ts';
import { nextClientIp } from './client-ips.ts';
import { api, type BenchPerson } from './people.ts';
import type { TwilioStub } from './twilio.ts';

export interface OtpBench {
  key: string;
  handles: string[];
}

/** An API key, and a verified phone for each customer (enrolled through a code, as in the app). */
export async function otpSetUp(
  origin: string,
  admin: BenchPerson,
  customers: { person: BenchPerson; handle: string }[],
  twilio: TwilioStub,
): Promise<OtpBench> {
  const send = api(origin);
  // An API key needs the admin's fresh passkey assertion.
  const opened = await send<{
    ceremonyId: string;
    options: Parameters<BenchPerson['authenticator']['authenticate']>[0];
  }>('/api/admin/assertion/options', { purpose: 'api_key' }, admin.cookie);
  const credential = await admin.authenticator.authenticate(opened.body.options);
  const issued = await send<{ key: string }>(
    '/api/admin/api-keys',
    { name: 'Bench', scopes: ['verifications'], ceremonyId: opened.body.ceremonyId, credential },
    admin.cookie,
  );
  await Promise.all(
    customers.map(async ({ person }, i) => {
      const phone = `+4479111300${String(i).padStart(2, '0')}`;
      const started = await send<{ id: string }>(
        '/api/v1/verifications',
        { to: phone, channel: 'sms', purpose: 'enrol_phone' },
        person.cookie,
      );
      const code = /\b(\d{6})\b/.exec(twilio.lastText(phone) ?? '')?.[1];
      const checked = await send<{ status: string }>(
        `/api/v1/verifications/${started.body.id}/check`,
        { code },
        person.cookie,
      );
      if (checked.body.status !== 'approved') throw new Error(`enrolment of ${phone}: ${JSON.stringify(checked.body)}`);
    }),
  );
  return { key: issued.body.key, handles: customers.map((c) => c.handle) };
}

const keyHeaders = (key: string) => ({ 'Content-Type': 'application/json', Authorization: `Bearer ${key}` });

/** A sign-in verification for `handle`, for an end user at the next client IP. */
const startBody = (handle: string) => ({
  account: handle,
  channel: 'sms',
  purpose: 'sign_in',
  rate_limits: { end_user_ip_address: nextClientIp() },
});

/** Load on the start route: each request starts a sign-in verification for one of the customers. */
export function loadStart(origin: string, bench: OtpBench, duration: number, connections: number) {
  let next = 0;
  return autocannon({
    url: origin,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/verifications',
        headers: keyHeaders(bench.key),
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify(startBody(bench.handles[next++ % bench.handles.length] as string)),
        }),
      },
    ],
  });
}

/** `count` verifications waiting for a check (started over the API, 50 at a time). */
export async function verificationsAwaitingCheck(origin: string, bench: OtpBench, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, count - i) }, async (_, j) => {
        const res = await benchFetch(`${origin}/api/v1/verifications`, {
          method: 'POST',
          headers: keyHeaders(bench.key),
          body: JSON.stringify(startBody(bench.handles[(i + j) % bench.handles.length] as string)),
        });
        const body = (await res.json()) as { id?: string };
        if (!body.id) throw new Error(`start: ${res.status} ${JSON.stringify(body)}`);
        return body.id;
      }),
    );
    ids.push(...batch);
  }
  return ids;
}

/**
 * Each connection (autocannon keeps a context per connection) works through the pool: `tries`
 * requests on one target, then the next unused one, as a person retrying one code would.
 */
export function triesOnEach<T>(pool: T[], tries: number) {
  let next = 0;
  return (context: object): T => {
    const own = context as { target?: T; left?: number };
    if (own.target === undefined || !own.left) {
      own.target = pool[next++ % pool.length] as T;
      own.left = tries;
    }
    own.left -= 1;
    return own.target;
  };
}

/** Load on the check route: four wrong codes on each waiting verification in turn (each check is a write). */
export function loadCheck(origin: string, key: string, ids: string[], duration: number, connections: number) {
  const nextId = triesOnEach(ids, 4);
  return autocannon({
    url: origin,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        headers: keyHeaders(key),
        body: JSON.stringify({ code: '000000' }),
        setupRequest: (request, context) => ({ ...request, path: `/api/v1/verifications/${nextId(context)}/check` }),
      },
    ],
  });
}
