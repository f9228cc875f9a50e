/** The bench's figures: one line per load, and the issue's table of targets (issue 14). */
import type autocannon from 'autocannon';

export interface Figure {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export const figure = (name: string, r: autocannon.Result): Figure => ({
  name,
  rps: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  errors: r.non2xx + r.errors,
});

/** Rounds of one load: mean req/s, the median p50 and the worst p99. */
export function roundsFigure(name: string, results: autocannon.Result[]): Figure {
  const p50s = results.map((r) => r.latency.p50).sort((a, b) => a - b);
  return {
    name,
    rps: results.reduce((n, r) => n + r.requests.average, 0) / Math.max(1, results.length),
    p50: p50s[Math.floor(p50s.length / 2)] ?? 0,
    p99: Math.max(0, ...results.map((r) => r.latency.p99)),
    errors: results.reduce((n, r) => n + r.non2xx + r.errors, 0),
  };
}

export const printHeader = () => console.log(`${'route'.padEnd(58)}   req/s  p50 ms  p99 ms  non-2xx`);

export const printFigure = (f: Figure) =>
  console.log(
    `${f.name.padEnd(58)} ${f.rps.toFixed(0).padStart(7)} ${String(f.p50).padStart(7)} ${String(f.p99).padStart(7)} ${String(f.errors).padStart(8)}`,
  );

export interface Target {
  route: string;
  figure: Figure;
  /** Its ratio to (b'), or null where the target is not a ratio. */
  ratio: number | null;
  target: string;
  met: boolean;
  hops: string;
}

/** The table of issue 14: route, figure, ratio to (b'), target, met?, hops, p50/p99, errors. */
export function printTargets(rows: Target[], rssMb: string) {
  console.log(`\nIssue 14 targets (workerd RSS at the end: ${rssMb})`);
  console.log(
    `${'route'.padEnd(34)} ${'figure'.padStart(10)} ${"/(b')".padStart(6)} ${'target'.padStart(22)} met? ${'p50/p99 ms'.padStart(11)} ${'non-2xx'.padStart(7)}  hops (total; in sequence)`,
  );
  for (const r of rows) {
    console.log(
      `${r.route.padEnd(34)} ${r.figure.rps.toFixed(1).padStart(10)} ${(r.ratio === null ? '–' : r.ratio.toFixed(2)).padStart(6)} ${r.target.padStart(22)} ${(r.met ? 'yes' : 'NO').padEnd(4)} ${`${r.figure.p50}/${r.figure.p99}`.padStart(11)} ${String(r.figure.errors).padStart(7)}  ${r.hops}`,
    );
  }
}
