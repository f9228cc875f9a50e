/** A Deno server in its own process, on its own data folder, that a test can kill (SIGKILL) and start again. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, 'localhost', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export class RestartableServer {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'countersign-deno-restart-'));
  #child: Deno.ChildProcess | null = null;
  #offset = 0;
  url = '';

  /** Starts the process (again) on the same data folder and port; resolves when it answers. */
  async start(): Promise<void> {
    const port = this.url ? Number(new URL(this.url).port) : await freePort();
    this.url = `http://localhost:${port}`;
    this.#child = new Deno.Command(Deno.execPath(), {
      args: ['run', '--allow-all', 'test/deno/serve-for-test.ts'],
      env: { DATA_DIR: this.dataDir, PORT: String(port), CLOCK_OFFSET_MS: String(this.#offset) },
      stdout: 'null',
      stderr: 'inherit',
    }).spawn();
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${this.url}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the Deno server did not start');
  }

  /** Kills the process at once (no graceful stop), as a power cut would. */
  async kill(): Promise<void> {
    this.#child?.kill('SIGKILL');
    await this.#child?.status;
    this.#child = null;
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  /** Moves the server's clock on (it stays moved across restarts) and runs the alarms then due. */
  async advance(ms: number): Promise<void> {
    this.#offset += ms;
    const answer = await fetch(`${this.url}/__test/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: ms }) });
    if (!answer.ok) throw new Error(`clock: ${answer.status}`);
    await answer.body?.cancel();
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
