/** The autocannon loads of `npm run bench` (settings from BENCH_* variables, see run.ts). */
import autocannon from 'autocannon';
import { callsAwaitingCheck, type Pair } from './ceremonies.ts';
import { nextClientIp } from './client-ips.ts';
import { type Figure, figure, roundsFigure } from './figures.ts';
import { printStatuses } from './statuses.ts';
import { triesOnEach } from './verifications.ts';

export interface LoadSettings {
  connections: number;
  seconds: number;
  rounds: number;
  roundCalls: number;
  roundSeconds: number;
  runtime: string;
}

/** A plain GET load (with a warm-up). */
export async function load(s: LoadSettings, name: string, url: string, headers: Record<string, string> = {}) {
  await autocannon({ url, connections: s.connections, duration: 2, headers }); // warm-up
  const result = await autocannon({ url, connections: s.connections, duration: s.seconds, headers });
  printStatuses(name, [result], s.runtime);
  return figure(name, result);
}

/** The baseline spread over as many objects as a round of code checks touches. */
export async function loadSpreadBaseline(s: LoadSettings, origin: string): Promise<Figure> {
  // The same pattern as the code checks: four writes on one object, then the next.
  const nextObject = triesOnEach(
    Array.from({ length: s.roundCalls }, (_, i) => i),
    4,
  );
  const options = (duration: number): autocannon.Options => ({
    url: origin,
    connections: s.connections,
    duration,
    requests: [
      { setupRequest: (request, context) => ({ ...request, path: `/bench/baseline?object=${nextObject(context)}` }) },
    ],
  });
  await autocannon(options(2)); // warm-up: every object in memory, as a round's calls are
  const name = `(b') DO baseline over ${s.roundCalls} objects`;
  const result = await autocannon(options(s.seconds));
  printStatuses(name, [result], s.runtime);
  return figure(name, result);
}

/**
 * The code-check route: each connection is an agent who types a wrong code four times on one call
 * (each try counts: a write), then moves on to the next waiting call, as on a real floor.
 */
export function loadCodeCheck(s: LoadSettings, origin: string, calls: { id: string; agentCookie: string }[]) {
  const nextTarget = triesOnEach(calls, 4);
  return autocannon({
    url: origin,
    connections: s.connections,
    duration: s.roundSeconds,
    requests: [
      {
        method: 'POST',
        body: JSON.stringify({ code: '000000' }),
        setupRequest: (request, context) => {
          const target = nextTarget(context);
          return {
            ...request,
            path: `/api/calls/${target.id}/customer-code`,
            headers: {
              'Content-Type': 'application/json',
              Origin: origin,
              Cookie: target.agentCookie,
              'CF-Connecting-IP': nextClientIp(),
            },
          };
        },
      },
    ],
  });
}

/** Rounds of (set up calls, check them). */
export async function codeCheckRounds(s: LoadSettings, origin: string, pairs: Pair[]): Promise<Figure> {
  const results: autocannon.Result[] = [];
  for (let i = 0; i < s.rounds; i++) {
    results.push(await loadCodeCheck(s, origin, await callsAwaitingCheck(origin, pairs, s.roundCalls)));
  }
  const name = '(d) code check         POST /api/calls/:id/customer-code';
  printStatuses(name, results, s.runtime);
  return roundsFigure(name, results);
}
