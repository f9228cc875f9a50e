/** Starts the app as `npm run dev` serves it (wrangler dev, built PWA) on a free port, with its own storage. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDenoApp } from './deno-server.ts';

export const bootstrapSecret = 'e2e-bootstrap-secret-0123456789';
const codeSecret = 'e2e-code-hmac-secret-0123456789abcdef';

export interface AppServer {
  origin: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, 'localhost', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitUntilReady(origin: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(`${origin}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not become ready:\n${output()}`);
}

/** Starts a server (with extra vars, if given); the PWA must already be built into dist/web (npm run build:web). */
export async function startApp(vars: Record<string, string> = {}): Promise<AppServer> {
  const [port, inspector] = [await freePort(), await freePort()];
  // The same tests on the Deno runtime (npm run e2e:deno).
  if (process.env.E2E_RUNTIME === 'deno') {
    return startDenoApp(port, { BOOTSTRAP_ADMIN_SECRET: bootstrapSecret, CODE_HMAC_SECRET: codeSecret, ...vars });
  }
  const origin = `http://localhost:${port}`;
  const state = mkdtempSync(join(tmpdir(), 'countersign-e2e-'));
  let log = '';
  const child = spawn(
    process.execPath,
    [
      'node_modules/wrangler/bin/wrangler.js',
      'dev',
      '--port',
      String(port),
      '--ip',
      'localhost',
      '--inspector-port',
      String(inspector),
      '--persist-to',
      state,
      '--var',
      `ORIGIN:${origin}`,
      '--var',
      `BOOTSTRAP_ADMIN_SECRET:${bootstrapSecret}`,
      '--var',
      `CODE_HMAC_SECRET:${codeSecret}`,
      ...Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
      '--show-interactive-dev-session=false',
    ],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', CI: 'true' },
    },
  );
  child.stdout?.on('data', (d) => {
    log += d;
  });
  child.stderr?.on('data', (d) => {
    log += d;
  });
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    rmSync(state, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(origin, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, stop };
}
