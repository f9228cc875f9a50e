/** Starts the benchmark's worker (the product plus the one-write baseline) under wrangler dev. */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = new URL('../..', import.meta.url).pathname;
export const bootstrapSecret = 'bench-bootstrap-secret-0123456789';

export function freePort(): Promise<number> {
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
    .replace(/= "\.\/worker\//g, '= "../../worker/')
    .replace(/^run_worker_first = .*$/m, 'run_worker_first = ["/api/*", "/bench/*"]')
    .replace(/new_sqlite_classes = \[("Account".*)\]/, 'new_sqlite_classes = [$1, "BenchBaseline"]')
    .concat('\n[[durable_objects.bindings]]\nname = "BENCH_BASELINE"\nclass_name = "BenchBaseline"\n');
  const dir = join(root, 'dist/bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'wrangler.toml'), config);
  return join(dir, 'wrangler.toml');
}

/** Which runtime serves the benchmark: workerd (wrangler dev) or the Deno runtime (runtime/deno/). */
export type Runtime = 'workerd' | 'deno';

export async function startServer(runtime: Runtime = 'workerd'): Promise<{ origin: string; stop(): void }> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const state = join(tmpdir(), `countersign-bench-${port}`);
  const vars = {
    ORIGIN: origin,
    BOOTSTRAP_ADMIN_SECRET: bootstrapSecret,
    CODE_HMAC_SECRET: 'bench-code-hmac-secret-0123456789abcdef',
    // The load comes from one machine, one IP, 50 customers: the send caps would stop it at once.
    OTP_CAPS_PER_DESTINATION: '999999/1m',
    OTP_CAPS_PER_ACCOUNT: '999999/1m',
    OTP_CAPS_PER_IP: '999999/1m',
    REGISTRATION_CAPS_PER_IP: '999999/1m',
    API_KEY_SEND_CAPS: '999999/1m',
    OTP_RESEND_COOLDOWN_SECONDS: '0',
  };
  const child =
    runtime === 'deno'
      ? spawn(join(root, 'node_modules/.bin/deno'), ['run', '--allow-all', 'test/bench/deno-server.ts'], {
          cwd: root,
          detached: true,
          stdio: ['ignore', 'ignore', 'inherit'],
          env: { ...process.env, PORT: String(port), DATA_DIR: state, VARS_JSON: JSON.stringify(vars) },
        })
      : spawn(
          process.execPath,
          [
            join(root, 'node_modules/wrangler/bin/wrangler.js'),
            'dev',
            '-c',
            benchConfig(),
            '--port',
            String(port),
            '--ip',
            'localhost',
            '--inspector-port',
            String(await freePort()),
            '--persist-to',
            state,
            ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
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
  // Never leave the server behind: it is in its own process group.
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stop();
      process.exit(130);
    });
  }
  for (let i = 0; i < 200 && child.exitCode === null; i++) {
    try {
      if ((await fetch(`${origin}/api/health`)).ok) return { origin, stop };
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  throw new Error(
    `${runtime === 'deno' ? 'the Deno server' : 'wrangler dev'} did not start (exit code ${child.exitCode})`,
  );
}
