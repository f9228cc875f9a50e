/** Asks the bench worker how many Durable Object calls one request makes (test/bench/hops.ts). */

export interface HopCount {
  route: string;
  status: number;
  /** `total=N; depth=D` (worker → object calls; an object's own calls are not seen from here). */
  hops: string;
}

/** Sends the request twice (the second finds the isolate's caches warm, as under load) and counts the second. */
export async function hopsOf(route: string, url: string, init: () => RequestInit): Promise<HopCount> {
  await fetch(url, init());
  const first = init();
  const res = await fetch(url, {
    ...first,
    headers: { ...(first.headers as Record<string, string>), 'X-Bench-Hops': '1' },
  });
  await res.arrayBuffer();
  return { route, status: res.status, hops: res.headers.get('X-Bench-Hops') ?? 'not counted' };
}

/** One line per route: the route, its status and its hops. */
export const printHops = (counts: HopCount[]) => {
  console.log(`\n${'Durable Object calls per request (worker → objects)'.padEnd(58)} status  hops`);
  for (const c of counts) console.log(`${c.route.padEnd(58)} ${String(c.status).padStart(6)}  ${c.hops}`);
};
