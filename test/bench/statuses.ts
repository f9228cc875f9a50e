/**
 * What each load answered, by status class, and workerd's resident memory after it. A 500 is a
 * failure of the run: a storage failure must answer 503 with Retry-After (issue 14), bad input a 4xx.
 */
import type autocannon from 'autocannon';
import { workerdRssMb } from './workerd.ts';

export interface Statuses {
  ok: number;
  client: number;
  server: number;
  unavailable: number;
  internal: number;
  /** Requests autocannon saw fail without an answer (reset, timeout). */
  lost: number;
}

const empty = (): Statuses => ({ ok: 0, client: 0, server: 0, unavailable: 0, internal: 0, lost: 0 });

/** The run's 500s, all loads together (printed at the end; any is a failure of the run). */
export const internalErrors: { load: string; count: number }[] = [];

export function statusesOf(results: autocannon.Result[]): Statuses {
  const s = empty();
  for (const r of results) {
    for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) {
      const n = stat.count ?? 0;
      const status = Number(code);
      if (status < 300) s.ok += n;
      else if (status < 500) s.client += n;
      else s.server += n;
      if (status === 503) s.unavailable += n;
      if (status === 500) s.internal += n;
    }
    s.lost += r.errors + r.timeouts;
  }
  return s;
}

/** One line: the load's statuses and workerd's RSS now; notes any 500. */
export function printStatuses(load: string, results: autocannon.Result[], runtime: string): Statuses {
  const s = statusesOf(results);
  if (s.internal > 0) internalErrors.push({ load, count: s.internal });
  const rss = runtime === 'workerd' ? `${workerdRssMb().toFixed(0)} MB` : 'n/a';
  console.log(
    `  ${load}: 2xx ${s.ok}, 4xx ${s.client}, 5xx ${s.server} (503 ${s.unavailable}, 500 ${s.internal}), ` +
      `no answer ${s.lost}; workerd RSS ${rss}`,
  );
  return s;
}
