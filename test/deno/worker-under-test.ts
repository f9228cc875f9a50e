/**
 * The worker on the Deno runtime for one test file: its own data folder (storage is per file, as in
 * vitest-pool-workers), served by `Deno.serve` on a free localhost port, with the same vars the
 * workerd suite runs with (wrangler.toml's [vars] and test/worker/test-vars.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkerServer } from '../../runtime/deno/server.ts';
import { wranglerVars } from '../../runtime/deno/settings.ts';
import { testVars } from '../worker/test-vars.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'countersign-deno-test-'));

export const server = createWorkerServer({
  vars: { ...wranglerVars(), ...testVars },
  dataDir,
  assetsDir: 'dist/web',
  // The tests stand in for Cloudflare's edge, which sets the client's address in this header.
  clientIpHeader: 'CF-Connecting-IP',
});

const listening = Promise.withResolvers<number>();
const http = Deno.serve(
  { port: 0, hostname: 'localhost', onListen: ({ port }) => listening.resolve(port) },
  (request, info) => server.handle(request, info.remoteAddr.hostname),
);

/** Where this file's server listens, `http://localhost:PORT`. */
export const base = `http://localhost:${await listening.promise}`;

let target = base;

/** Where `exports.default.fetch` sends requests: this file's server unless a test points elsewhere. */
export const targetBase = () => target;

/** Sends the suite's requests to another Deno server (a restartable child process); null: back to this one. */
export function useServer(url: string | null): void {
  target = url ?? base;
}

/** Stops the server and removes its data (test/deno/setup.ts calls it after the file). */
export async function stop(): Promise<void> {
  await http.shutdown();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
