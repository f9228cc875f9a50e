/**
 * Starts the benchmark's worker (the product plus the one-write baseline) on workerd through
 * Miniflare (test/bench/workerd.ts), or on the Deno runtime.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWorkerd, type WorkerLogs } from './workerd.ts';

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

/** Which runtime serves the benchmark: workerd (Miniflare) or the Deno runtime (runtime/deno/). */
export type Runtime = 'workerd' | 'deno';

/** A running bench server: its origin, how to stop it, and (on workerd) what it logged. */
export interface BenchServer {
  origin: string;
  stop(): Promise<void>;
  logs?: WorkerLogs;
  /** Times workerd crashed and Miniflare restarted it (0 on Deno). */
  crashes(): number;
  /** workerd's inspector, opened only for BENCH_PROFILE (run.ts). */
  inspectorPort?: number;
}

export async function startServer(
  runtime: Runtime = 'workerd',
  vars: Record<string, string> = {},
): Promise<BenchServer> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const state = join(tmpdir(), `countersign-bench-${port}`);
  const settings = {
    ORIGIN: origin,
    BOOTSTRAP_ADMIN_SECRET: bootstrapSecret,
    CODE_HMAC_SECRET: 'bench-code-hmac-secret-0123456789abcdef',
    ...vars,
  };
  if (runtime === 'workerd') {
    const inspectorPort = process.env.BENCH_PROFILE ? await freePort() : undefined;
    const server = await startWorkerd({ root, config: benchConfig(), port, state, vars: settings, inspectorPort });
    const stop = async () => {
      await server.stop();
      rmSync(state, { recursive: true, force: true });
    };
    return { ...server, stop };
  }
  const child = spawn(join(root, 'node_modules/.bin/deno'), ['run', '--allow-all', 'test/bench/deno-server.ts'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: String(port), DATA_DIR: state, VARS_JSON: JSON.stringify(settings) },
  });
  const kill = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // gone
    }
    rmSync(state, { recursive: true, force: true });
  };
  // Never leave the server behind: it is in its own process group.
  process.once('exit', kill);
  for (let i = 0; i < 200 && child.exitCode === null; i++) {
    try {
      if ((await fetch(`${origin}/api/health`)).ok) return { origin, stop: async () => kill(), crashes: () => 0 };
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  kill();
  throw new Error(`the Deno server did not start (exit code ${child.exitCode})`);
}
