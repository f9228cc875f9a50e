/**
 * `npm run bench`: load figures for the worker on workerd (wrangler dev), printed, never asserted.
 *  (a) a bare route, (b) the one-write Durable Object baseline, (c) the authenticated "who am I"
 *  route; then the PWA's first-load JS and the worker bundle, both gzip.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { SoftAuthenticator } from '../support/authenticator';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const root = new URL('../..', import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, 'localhost', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The product's wrangler.toml plus the baseline object, written beside the build. */
function benchConfig(): string {
  const product = readFileSync(join(root, 'wrangler.toml'), 'utf8');
  const config = product
    .replace(/^main = .*$/m, 'main = "../../test/bench/worker.ts"')
    .replace(/^directory = .*$/m, 'directory = "../web"')
    .replace(/^run_worker_first = .*$/m, 'run_worker_first = ["/api/*", "/bench/*"]')
    .replace(/new_sqlite_classes = \[(.*)\]/, 'new_sqlite_classes = [$1, "BenchBaseline"]')
    .concat('\n[[durable_objects.bindings]]\nname = "BENCH_BASELINE"\nclass_name = "BenchBaseline"\n');
  const dir = join(root, 'dist/bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'wrangler.toml'), config);
  return join(dir, 'wrangler.toml');
}

async function startServer(config: string) {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const state = join(tmpdir(), `countersign-bench-${port}`);
  const child = spawn(
    process.execPath,
    [
      join(root, 'node_modules/wrangler/bin/wrangler.js'),
      'dev',
      '-c',
      config,
      '--port',
      String(port),
      '--ip',
      'localhost',
      '--inspector-port',
      String(await freePort()),
      '--persist-to',
      state,
      '--var',
      `ORIGIN:${origin}`,
      '--log-level',
      'warn',
      '--show-interactive-dev-session=false',
    ],
    {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', CI: 'true' },
    },
  );
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // gone
    }
    rmSync(state, { recursive: true, force: true });
  };
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${origin}/api/health`)).ok) return { origin, stop };
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  throw new Error('wrangler dev did not start');
}

/** Registers an account with a software authenticator; returns its session cookie. */
async function sessionCookie(origin: string): Promise<string> {
  const post = (path: string, body: unknown) =>
    fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin },
      body: JSON.stringify(body),
    });
  const start = await (await post('/api/registration/options', { handle: 'bench.user', displayName: 'Bench' })).json();
  const credential = await new SoftAuthenticator({ origin }).register(start.options);
  const done = await post('/api/registration/verify', { ceremonyId: start.ceremonyId, credential });
  const cookie = /__Host-session=[^;]+/.exec(done.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error(`registration failed: ${done.status}`);
  return cookie;
}

interface Figure {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(name: string, url: string, headers: Record<string, string> = {}): Promise<Figure> {
  await autocannon({ url, connections, duration: 2, headers }); // warm-up
  const r = await autocannon({ url, connections, duration: seconds, headers });
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.non2xx + r.errors };
}

function firstLoadJsGzip(): { files: string[]; bytes: number } {
  const dist = join(root, 'dist/web');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map(
    (m) => m[1] as string,
  );
  const bytes = files.reduce((n, f) => n + gzipSync(readFileSync(join(dist, f))).length, 0);
  return { files, bytes };
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

const server = await startServer(benchConfig());
try {
  const cookie = await sessionCookie(server.origin);
  console.log(
    `Load: ${connections} connections, ${seconds} s each, against wrangler dev (workerd) on ${server.origin}\n`,
  );
  const figures = [
    await load('(a) bare route       GET /api/health', `${server.origin}/api/health`),
    await load('(b) DO baseline      1 RPC + 1 SQLite write', `${server.origin}/bench/baseline`),
    await load('(c) who am I         GET /api/me (session)', `${server.origin}/api/me`, { Cookie: cookie }),
  ];
  console.log('route                                          req/s    p50 ms   p99 ms   non-2xx');
  for (const f of figures) {
    console.log(
      `${f.name.padEnd(45)} ${f.rps.toFixed(0).padStart(7)} ${String(f.p50).padStart(8)} ${String(f.p99).padStart(8)} ${String(f.errors).padStart(9)}`,
    );
  }
  const [, b, c] = figures as [Figure, Figure, Figure];
  console.log(`\n(c)/(b) req/s ratio: ${(c.rps / b.rps).toFixed(2)}  (target >= 0.70)`);
} finally {
  server.stop();
}
const js = firstLoadJsGzip();
console.log(`PWA first-load JS: ${(js.bytes / 1024).toFixed(1)} KB gzip (${js.files.join(', ')}; target <= 30 KB)`);
console.log(
  `Worker bundle:     ${((await workerBundleGzip()) / 1024).toFixed(1)} KB gzip (wrangler deploy --dry-run --minify; target <= 150 KB)`,
);
