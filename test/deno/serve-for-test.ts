/**
 * A Deno server for the restart tests, run as its own process (test/deno/restartable.ts) so that it
 * can be killed and started again on the same data folder. Test-only: besides the worker it answers
 * `POST /__test/clock {"advanceMs": n}`, which moves this process's clock (the worker's one clock,
 * worker/core/clock.ts, reads Date.now) and runs the alarms that are then due. Production's entry
 * (runtime/deno/main.ts) has no such route.
 */
import { createWorkerServer } from '../../runtime/deno/server.ts';
import { wranglerVars } from '../../runtime/deno/settings.ts';
import { testVars } from '../worker/test-vars.ts';

const realNow = Date.now;
let offset = Number(Deno.env.get('CLOCK_OFFSET_MS') ?? 0);
Date.now = () => realNow() + offset;

const server = createWorkerServer({
  vars: { ...wranglerVars(), ...testVars },
  dataDir: Deno.env.get('DATA_DIR') as string,
  assetsDir: 'dist/web',
  clientIpHeader: 'CF-Connecting-IP',
});

Deno.serve(
  { port: Number(Deno.env.get('PORT')), hostname: 'localhost', onListen: () => console.log('ready') },
  async (request, info) => {
    if (new URL(request.url).pathname === '/__test/clock' && request.method === 'POST') {
      const { advanceMs } = (await request.json()) as { advanceMs: number };
      offset += advanceMs;
      await server.runtime.alarms.runDue();
      return Response.json({ now: Date.now(), offset });
    }
    return server.handle(request, info.remoteAddr.hostname);
  },
);
