/** Accounts for the benchmark, made over the API with the software authenticator. */
import { SoftAuthenticator } from '../support/authenticator.ts';
import { benchFetch } from './bench-fetch.ts';
import { nextClientIp } from './client-ips.ts';
import { bootstrapSecret } from './server.ts';

export interface BenchPerson {
  cookie: string;
  authenticator: SoftAuthenticator;
}

/** POSTs JSON as a browser would, each request from the next client IP (client-ips.ts). */
export function api(origin: string) {
  return async function send<T>(path: string, body: unknown, cookie?: string): Promise<{ status: number; body: T }> {
    const res = await benchFetch(`${origin}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Origin: origin,
        'CF-Connecting-IP': nextClientIp(),
        ...(cookie ? { Cookie: cookie } : {}),
      },
      body: JSON.stringify(body ?? {}),
    });
    const cookieOut = /__Host-session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
    const json = (await res.json()) as T;
    return { status: res.status, body: cookieOut ? ({ ...json, cookie: cookieOut } as T) : json };
  };
}

/** Registers one account; `inviteCode` makes it staff. */
/** A display name the person-name rule accepts (letters and spaces: digits spelled as letters). */
const benchName = (handle: string) =>
  `Bench ${handle
    .replace(/\d/g, (d) => 'abcdefghij'[Number(d)] as string)
    .replace(/[^A-Za-z]+/g, ' ')
    .trim()}`;

export async function registerPerson(origin: string, handle: string, inviteCode?: string): Promise<BenchPerson> {
  const send = api(origin);
  const authenticator = new SoftAuthenticator({ origin });
  const start = await send<{ ceremonyId: string; options: Parameters<SoftAuthenticator['register']>[0] }>(
    '/api/registration/options',
    { handle, displayName: benchName(handle), ...(inviteCode ? { inviteCode } : {}) },
  );
  const credential = await authenticator.register(start.body.options);
  const done = await send<{ cookie?: string }>('/api/registration/verify', {
    ceremonyId: start.body.ceremonyId,
    credential,
  });
  if (!done.body.cookie) throw new Error(`registration of ${handle} failed: ${done.status}`);
  return { cookie: done.body.cookie, authenticator };
}

/** The bootstrap admin and `count` agents (each agent handles their own calls, as on a real floor). */
export async function benchAgents(
  origin: string,
  count: number,
): Promise<{ admin: BenchPerson; agents: BenchPerson[] }> {
  const admin = await registerPerson(origin, 'bench.admin', bootstrapSecret);
  const send = api(origin);
  const agents = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const invite = await send<{ code: string }>('/api/admin/invites', { role: 'agent', team: 'Bench' }, admin.cookie);
      return registerPerson(origin, `bench.agent.${i}`, invite.body.code);
    }),
  );
  return { admin, agents };
}
