/**
 * `npm run bench`: figures for the worker on workerd (wrangler dev) and then on the Deno runtime,
 * in the same run, printed side by side, never asserted (BENCH_RUNTIMES=workerd or deno for one).
 *  (a) a bare route, (b) the one-write Durable Object baseline, (c) the authenticated "who am I",
 *  (b') the baseline over as many objects as the code checks touch, (d) the call-verification code
 *  check; whole call verifications per second at 50 at once; then the
 *  PWA's first-load JS and the worker bundle, both gzip.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { callsAwaitingCheck, ceremoniesPerSecond, type Pair } from './ceremonies.ts';
import { hopsOf, printHops } from './hop-probe.ts';
import { benchAgents, registerPerson } from './people.ts';
import { type Runtime, root, startServer } from './server.ts';
import { loadCheck, loadStart, otpSetUp, triesOnEach, verificationsAwaitingCheck } from './verifications.ts';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
// Codes are checked in rounds, each on calls set up just before (a code is checked within minutes
// of its call starting, while the call's object is in memory): 600 calls allow 2,400 tries a round.
const rounds = Number(process.env.BENCH_CHECK_ROUNDS ?? 3);
const roundCalls = 600;
const roundSeconds = 3;

interface Figure {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

const figure = (name: string, r: autocannon.Result): Figure => ({
  name,
  rps: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  errors: r.non2xx + r.errors,
});

async function load(name: string, url: string, headers: Record<string, string> = {}): Promise<Figure> {
  await autocannon({ url, connections, duration: 2, headers }); // warm-up
  return figure(name, await autocannon({ url, connections, duration: seconds, headers }));
}

/** The baseline spread over as many objects as a round of code checks touches. */
async function loadSpreadBaseline(origin: string): Promise<Figure> {
  // The same pattern as the code checks: four writes on one object, then the next.
  const nextObject = triesOnEach(
    Array.from({ length: roundCalls }, (_, i) => i),
    4,
  );
  const options = (duration: number): autocannon.Options => ({
    url: origin,
    connections,
    duration,
    requests: [
      { setupRequest: (request, context) => ({ ...request, path: `/bench/baseline?object=${nextObject(context)}` }) },
    ],
  });
  await autocannon(options(2)); // warm-up: every object in memory, as a round's calls are
  return figure(`(b') DO baseline over ${roundCalls} objects`, await autocannon(options(seconds)));
}

/**
 * The code-check route: each connection is an agent who types a wrong code four times on one call
 * (each try counts: a write), then moves on to the next waiting call, as on a real floor.
 */
function loadCodeCheck(origin: string, calls: { id: string; agentCookie: string }[]): Promise<autocannon.Result> {
  const nextTarget = triesOnEach(calls, 4);
  return autocannon({
    url: origin,
    connections,
    duration: roundSeconds,
    requests: [
      {
        method: 'POST',
        body: JSON.stringify({ code: '000000' }),
        setupRequest: (request, context) => {
          const target = nextTarget(context);
          return {
            ...request,
            path: `/api/calls/${target.id}/customer-code`,
            headers: { 'Content-Type': 'application/json', Origin: origin, Cookie: target.agentCookie },
          };
        },
      },
    ],
  });
}

/** Rounds of (set up calls, check them): mean req/s, the median p50 and the worst p99. */
async function codeCheckRounds(origin: string, pairs: Pair[]): Promise<Figure> {
  const results: autocannon.Result[] = [];
  for (let i = 0; i < rounds; i++) {
    results.push(await loadCodeCheck(origin, await callsAwaitingCheck(origin, pairs, roundCalls)));
  }
  const p50s = results.map((r) => r.latency.p50).sort((a, b) => a - b);
  return {
    name: '(d) code check         POST /api/calls/:id/customer-code',
    rps: results.reduce((n, r) => n + r.requests.average, 0) / results.length,
    p50: p50s[Math.floor(p50s.length / 2)] ?? 0,
    p99: Math.max(...results.map((r) => r.latency.p99)),
    errors: results.reduce((n, r) => n + r.non2xx + r.errors, 0),
  };
}

function firstLoadJsGzip(): { files: string[]; bytes: number } {
  const dist = join(root, 'dist/web');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map(
    (m) => m[1] as string,
  );
  return { files, bytes: files.reduce((n, f) => n + gzipSync(readFileSync(join(dist, f))).length, 0) };
}

async function workerBundleGzip(): Promise<number> {
  const out = join(root, 'dist/bench-bundle');
  await new Promise<void>((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [join(root, 'node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--minify', '--outdir', out],
      { cwd: root, stdio: 'ignore', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
    );
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`wrangler deploy --dry-run exited ${code}`))));
  });
  return gzipSync(readFileSync(join(out, 'index.js'))).length;
}

const print = (f: Figure) =>
  console.log(
    `${f.name.padEnd(58)} ${f.rps.toFixed(0).padStart(7)} ${String(f.p50).padStart(7)} ${String(f.p99).padStart(7)} ${String(f.errors).padStart(8)}`,
  );

/** Every figure on one runtime; returns them for the side-by-side summary. */
async function measure(runtime: Runtime): Promise<Figure[]> {
  const server = await startServer(runtime);
  try {
    const { origin } = server;
    console.error(`Setting up: ${connections} agents and ${connections} customers…`);
    const { admin, agents } = await benchAgents(origin, connections);
    const pairs: Pair[] = await Promise.all(
      agents.map(async (agent, i) => ({
        agent,
        customer: await registerPerson(origin, `bench.customer.${i}`),
        handle: `bench.customer.${i}`,
      })),
    );
    const agent = agents[0] as (typeof agents)[number];
    console.log(
      `Load: ${connections} connections, ${seconds} s each, against ${runtime === 'deno' ? 'the Deno runtime (runtime/deno/)' : 'wrangler dev (workerd)'} on ${origin}\n`,
    );
    const plain = [
      await load('(a) bare route         GET /api/health', `${origin}/api/health`),
      await load('(b) DO baseline        1 RPC + 1 SQLite write', `${origin}/bench/baseline`),
      await load('(c) who am I           GET /api/me (session)', `${origin}/api/me`, { Cookie: agent.cookie }),
    ];
    console.error(`Checking codes: ${rounds} rounds of ${roundSeconds} s, each on ${roundCalls} new calls…`);
    // BENCH_SKIP_CALLS=1 leaves out the call rounds and whole ceremonies (for a short run on a busy machine).
    const skipCalls = process.env.BENCH_SKIP_CALLS === '1';
    const check: Figure = skipCalls
      ? { name: '(d) code check (skipped: BENCH_SKIP_CALLS)', rps: 0, p50: 0, p99: 0, errors: 0 }
      : await codeCheckRounds(origin, pairs);
    const spread = await loadSpreadBaseline(origin);
    console.log(`${'route'.padEnd(58)}   req/s  p50 ms  p99 ms  non-2xx`);
    for (const f of [...plain, spread, check]) print(f);
    const [, b, c] = plain as [Figure, Figure, Figure];
    console.log(
      `\n(c)/(b) req/s: ${(c.rps / b.rps).toFixed(2)}   (d)/(b) req/s: ${(check.rps / b.rps).toFixed(2)}   ` +
        `(d)/(b') req/s: ${(check.rps / spread.rps).toFixed(2)}   (targets >= 0.70)`,
    );
    // A single-use check cannot stay on one object: its like-for-like limit is the spread baseline.
    console.log(
      `(b')/(b) req/s: ${(spread.rps / b.rps).toFixed(2)}: the same one-RPC-one-write spread over the objects the checks touch`,
    );

    const whole = skipCalls ? { perSecond: 0, done: 0, failed: 0 } : await ceremoniesPerSecond(origin, pairs, seconds);
    console.log(
      `Whole call verifications (start, passkey assertion, customer code, agent code), ${pairs.length} at once: ` +
        `${whole.perSecond.toFixed(1)}/s (${whole.done} in ${seconds} s, ${whole.failed} failed)`,
    );

    console.error('Out-of-band codes: enrolling a phone for each customer, then loading start and check…');
    const otp = await otpSetUp(
      origin,
      admin,
      pairs.map((p) => ({ person: p.customer, handle: p.handle })),
    );
    await loadStart(origin, otp, 2, connections); // warm-up
    const start = figure(
      '(e) start verification POST /api/v1/verifications (API key)',
      await loadStart(origin, otp, seconds, connections),
    );
    const otpChecks: autocannon.Result[] = [];
    for (let i = 0; i < rounds; i++) {
      // Four wrong tries each fit before the lock, so every check in a round is a write.
      const ids = await verificationsAwaitingCheck(origin, otp, roundCalls);
      otpChecks.push(await loadCheck(origin, otp.key, ids, roundSeconds, connections));
    }
    const otpCheck: Figure = {
      name: '(f) code check         POST /api/v1/verifications/:id/check',
      rps: otpChecks.reduce((n, r) => n + r.requests.average, 0) / otpChecks.length,
      p50: [...otpChecks.map((r) => r.latency.p50)].sort((a, b) => a - b)[Math.floor(otpChecks.length / 2)] ?? 0,
      p99: Math.max(...otpChecks.map((r) => r.latency.p99)),
      errors: otpChecks.reduce((n, r) => n + r.non2xx + r.errors, 0),
    };
    const baselineAgain = await load('(b) DO baseline, again', `${origin}/bench/baseline`);
    // Hops: one request of each route, counted by the bench worker (X-Bench-Hops), caches warm.
    const [probeCall] = await callsAwaitingCheck(origin, pairs, 1);
    const [probeOtp] = await verificationsAwaitingCheck(origin, otp, 1);
    const json = (headers: Record<string, string>, body: unknown) => () => ({
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const keyAuth = { Authorization: `Bearer ${otp.key}` };
    printHops([
      await hopsOf('(c) GET /api/me', `${origin}/api/me`, () => ({ headers: { Cookie: agent.cookie } })),
      await hopsOf(
        '(d) POST /api/calls/:id/customer-code',
        `${origin}/api/calls/${probeCall?.id}/customer-code`,
        json({ Origin: origin, Cookie: probeCall?.agentCookie ?? '' }, { code: '000000' }),
      ),
      await hopsOf(
        '(e) POST /api/v1/verifications (API key, by handle)',
        `${origin}/api/v1/verifications`,
        json(keyAuth, { account: otp.handles[0], channel: 'sms', purpose: 'sign_in' }),
      ),
      await hopsOf(
        '(e) POST /api/v1/verifications (customer session)',
        `${origin}/api/v1/verifications`,
        json({ Origin: origin, Cookie: pairs[0]?.customer.cookie ?? '' }, { channel: 'sms', purpose: 'sign_in' }),
      ),
      await hopsOf(
        '(f) POST /api/v1/verifications/:id/check',
        `${origin}/api/v1/verifications/${probeOtp}/check`,
        json(keyAuth, { code: '000000' }),
      ),
    ]);
    console.log(`\n${'route'.padEnd(58)}   req/s  p50 ms  p99 ms  non-2xx`);
    for (const f of [start, otpCheck, baselineAgain]) print(f);
    const wholeFigure: Figure = {
      name: 'whole call verifications (per s)',
      rps: whole.perSecond,
      p50: 0,
      p99: 0,
      errors: whole.failed,
    };
    console.log(
      `(f)/(b) req/s: ${(otpCheck.rps / b.rps).toFixed(2)} (first baseline), ${(otpCheck.rps / baselineAgain.rps).toFixed(2)} (baseline again)   ` +
        `(f)/(b') req/s: ${(otpCheck.rps / spread.rps).toFixed(2)}   (target >= 0.90)`,
    );
    console.log(
      `(d)/(b') req/s: ${(check.rps / spread.rps).toFixed(2)} (target >= 0.90)   ` +
        `(e)/(b') req/s: ${(start.rps / spread.rps).toFixed(2)} (target >= 0.40), (e) p99 ${start.p99} ms`,
    );
    return [...plain, spread, check, start, otpCheck, wholeFigure];
  } finally {
    server.stop();
  }
}

const runtimes: Runtime[] = process.env.BENCH_RUNTIMES
  ? (process.env.BENCH_RUNTIMES.split(',') as Runtime[])
  : ['workerd', 'deno'];
const measured: Figure[][] = [];
for (const runtime of runtimes) {
  console.log(`\n=== ${runtime} ===`);
  measured.push(await measure(runtime));
}
if (measured.length === 2) {
  const [onWorkerd, onDeno] = measured as [Figure[], Figure[]];
  console.log(`\nSide by side, req/s (same machine, same run)\n${'figure'.padEnd(58)} workerd    deno  deno/workerd`);
  onWorkerd.forEach((w, i) => {
    const d = onDeno[i] as Figure;
    console.log(
      `${w.name.padEnd(58)} ${w.rps.toFixed(1).padStart(7)} ${d.rps.toFixed(1).padStart(7)} ${(d.rps / w.rps).toFixed(2).padStart(13)}`,
    );
  });
}

const js = firstLoadJsGzip();
console.log(`\nPWA first-load JS: ${(js.bytes / 1024).toFixed(1)} KB gzip (${js.files.join(', ')}; target <= 30 KB)`);
console.log(
  `Worker bundle:     ${((await workerBundleGzip()) / 1024).toFixed(1)} KB gzip (wrangler deploy --dry-run --minify; target <= 150 KB)`,
);
