/**
 * The app as `npm run dev:deno` serves it (the Deno runtime, built PWA, dev outbox) on a free port
 * with its own data folder: what test/e2e/server.ts starts when E2E_RUNTIME=deno.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DenoApp {
  origin: string;
  stop(): Promise<void>;
}

/** Starts runtime/deno/dev.ts with these vars; resolves once /api/health answers. */
export async function startDenoApp(port: number, vars: Record<string, string>): Promise<DenoApp> {
  const origin = `http://localhost:${port}`;
  const data = mkdtempSync(join(tmpdir(), 'countersign-e2e-deno-'));
  let log = '';
  const child = spawn(
    'node_modules/.bin/deno',
    ['run', '--allow-all', 'runtime/deno/dev.ts', ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}=${v}`])],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: String(port), DATA_DIR: data } },
  );
  child.stdout?.on('data', (d) => {
    log += d;
  });
  child.stderr?.on('data', (d) => {
    if (process.env.E2E_DEBUG) process.stderr.write(d);
    log += d;
  });
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
    }
    rmSync(data, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${origin}/api/health`)).ok) return { origin, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`the Deno server did not become ready:\n${log}`);
}
