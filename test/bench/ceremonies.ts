/** Whole call verifications over the API: start, customer assertion, customer code, agent code. */
import type { BenchPerson } from './people.ts';
import { api } from './people.ts';

type Options = Parameters<BenchPerson['authenticator']['authenticate']>[0];

/** Runs one ceremony to "verified"; throws if any step answers otherwise. */
export async function oneCeremony(origin: string, agent: BenchPerson, customer: BenchPerson, handle: string) {
  const send = api(origin);
  const started = await send<{ call: { id: string } }>('/api/calls', { customer: handle }, agent.cookie);
  const id = started.body.call?.id;
  if (!id) throw new Error(`start: ${started.status}`);
  const options = await send<{ options: Options }>(`/api/calls/${id}/confirm/options`, {}, customer.cookie);
  const credential = await customer.authenticator.authenticate(options.body.options);
  const confirmed = await send<{ code: string }>(`/api/calls/${id}/confirm`, credential, customer.cookie);
  const checked = await send<{ agentCode?: string }>(
    `/api/calls/${id}/customer-code`,
    { code: confirmed.body.code },
    agent.cookie,
  );
  const verified = await send<{ call?: { state: string } }>(
    `/api/calls/${id}/agent-code`,
    { code: checked.body.agentCode },
    customer.cookie,
  );
  if (verified.body.call?.state !== 'verified') throw new Error(`ceremony ended ${verified.status}`);
  return id;
}

export interface Pair {
  agent: BenchPerson;
  customer: BenchPerson;
  handle: string;
}

/** Keeps one ceremony per agent–customer pair going at once for `seconds`; returns how many finished. */
export async function ceremoniesPerSecond(
  origin: string,
  pairs: Pair[],
  seconds: number,
): Promise<{ done: number; failed: number; perSecond: number }> {
  const until = Date.now() + seconds * 1000;
  let done = 0;
  let failed = 0;
  const began = Date.now();
  await Promise.all(
    pairs.map(async ({ agent, customer, handle }) => {
      while (Date.now() < until) {
        try {
          await oneCeremony(origin, agent, customer, handle);
          done += 1;
        } catch {
          failed += 1;
        }
      }
    }),
  );
  return { done, failed, perSecond: done / ((Date.now() - began) / 1000) };
}

/** Calls waiting for their agent to check the customer's code (each takes four wrong tries). */
export async function callsAwaitingCheck(
  origin: string,
  pairs: Pair[],
  count: number,
): Promise<{ id: string; agentCookie: string }[]> {
  const send = api(origin);
  const calls: { id: string; agentCookie: string }[] = [];
  for (let i = 0; i < count; i += pairs.length) {
    const batch = await Promise.all(
      pairs.slice(0, Math.min(pairs.length, count - i)).map(async ({ agent, customer: person, handle }) => {
        const started = await send<{ call: { id: string } }>('/api/calls', { customer: handle }, agent.cookie);
        const id = started.body.call.id;
        const options = await send<{ options: Options }>(`/api/calls/${id}/confirm/options`, {}, person.cookie);
        const credential = await person.authenticator.authenticate(options.body.options);
        await send(`/api/calls/${id}/confirm`, credential, person.cookie);
        return { id, agentCookie: agent.cookie };
      }),
    );
    calls.push(...batch);
  }
  return calls;
}
