/**
 * The "many live objects" load (issue 14): codes made in the 40 s or so before it — call codes and
 * one-time codes, as in a busy hour, not a fresh round — then one wrong try on each, all of them
 * objects in memory at once. Prints the statuses and workerd's resident memory.
 */
import autocannon from 'autocannon';
import { callsAwaitingCheck, type Pair } from './ceremonies.ts';
import { nextClientIp } from './client-ips.ts';
import { printStatuses, type Statuses } from './statuses.ts';
import { type OtpBench, verificationsAwaitingCheck } from './verifications.ts';
import { workerdRssMb } from './workerd.ts';

type Target = { path: string; headers: Record<string, string> };

export async function liveObjectsLoad(
  origin: string,
  pairs: Pair[],
  otp: OtpBench,
  codes: number,
  connections: number,
  runtime: string,
): Promise<{ statuses: Statuses; madeSeconds: number; rps: number; p50: number; p99: number }> {
  const began = Date.now();
  // Half call codes (each: start, passkey options, assertion, confirm), half one-time codes.
  const calls = await callsAwaitingCheck(origin, pairs, Math.floor(codes / 2));
  const verifications = await verificationsAwaitingCheck(origin, otp, codes - calls.length);
  const madeSeconds = (Date.now() - began) / 1000;
  const rssBefore = runtime === 'workerd' ? `${workerdRssMb().toFixed(0)} MB` : 'n/a';
  console.log(
    `Many live objects: ${calls.length} call codes and ${verifications.length} one-time codes made in ` +
      `${madeSeconds.toFixed(0)} s (workerd RSS ${rssBefore}); now one wrong try on each…`,
  );
  const targets: Target[] = [];
  for (let i = 0; i < Math.max(calls.length, verifications.length); i++) {
    const call = calls[i];
    if (call)
      targets.push({
        path: `/api/calls/${call.id}/customer-code`,
        headers: {
          'Content-Type': 'application/json',
          Origin: origin,
          Cookie: call.agentCookie,
          'CF-Connecting-IP': nextClientIp(),
        },
      });
    const id = verifications[i];
    if (id)
      targets.push({
        path: `/api/v1/verifications/${id}/check`,
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${otp.key}` },
      });
  }
  let next = 0;
  const result = await autocannon({
    url: origin,
    connections,
    amount: targets.length,
    requests: [
      {
        method: 'POST',
        body: JSON.stringify({ code: '000000' }),
        setupRequest: (request) => {
          const target = targets[next++ % targets.length] as Target;
          return { ...request, path: target.path, headers: target.headers };
        },
      },
    ],
  });
  const statuses = printStatuses(`many live objects, ${targets.length} checks`, [result], runtime);
  return { statuses, madeSeconds, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}
