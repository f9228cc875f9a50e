/**
 * Sessions for a Lighthouse run against `wrangler dev` (docs/performance.md, "Lighthouse"): a
 * customer, and a customer with a call verification waiting (an admin from the bootstrap secret,
 * an agent by invite, the agent's call). Prints `{"home": <Cookie header>, "call": <Cookie header>}`.
 * Run with Node 24's type stripping: `node --experimental-strip-types scripts/lighthouse-sessions.mts <origin>`.
 */
import { SoftAuthenticator } from '../test/support/authenticator.ts';

const origin = process.argv[2] ?? 'http://localhost:8799';
const secret = process.env.BOOTSTRAP_ADMIN_SECRET ?? 'dev-bootstrap-secret-change-me';

async function post(path: string, body: unknown, cookie?: string) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Origin: origin };
  if (cookie) headers.Cookie = cookie;
  const response = await fetch(origin + path, { method: 'POST', headers, body: JSON.stringify(body) });
  const answer = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(answer)}`);
  return { response, answer };
}

async function register(handle: string, displayName: string, inviteCode?: string): Promise<string> {
  const authenticator = new SoftAuthenticator({ origin });
  const start = await post('/api/registration/options', { handle, displayName, ...(inviteCode ? { inviteCode } : {}) });
  const credential = await authenticator.register(start.answer.options);
  const finish = await post('/api/registration/verify', { ceremonyId: start.answer.ceremonyId, credential });
  return (finish.response.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

const run = Date.now().toString(36);
const home = await register(`home.${run}`, 'Jo Bloggs');
const admin = await register(`admin.${run}`, 'Ada Admin', secret);
const invite = await post('/api/admin/invites', { role: 'agent', team: 'Fraud team' }, admin);
const agent = await register(`agent.${run}`, 'Anna K.', invite.answer.code);
const called = `called.${run}`;
const call = await register(called, 'Sam Smith');
await post('/api/calls', { customer: called }, agent);
console.log(JSON.stringify({ home, call }));
